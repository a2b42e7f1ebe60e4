using Integrations.OAuth;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Core.Tests.DependencyInjection;

/// <summary>What the library's singletons do when the host's container is disposed.</summary>
public sealed class ContainerDisposalTests
{
    [Fact]
    public void A_container_that_validated_a_signed_request_can_be_disposed_synchronously()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores().UseAdminPasswordVerifier<AcceptAll>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using (var scope = provider.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<IOAuthRequestValidator>(); // what every signed request resolves
        }

        var dispose = () => provider.Dispose(); // a console host, a test fixture, IDisposable-only containers

        dispose.Should().NotThrow("every singleton the library registers can be disposed by a synchronous Dispose");
    }

    [Fact]
    public async Task Refusals_counted_in_the_last_minute_before_the_host_stops_still_reach_the_summary()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddIntegrations().UseInMemoryStores().UseAdminPasswordVerifier<AcceptAll>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var log = provider.GetFakeLogCollector();
        await using (var scope = provider.CreateAsyncScope())
        {
            var forged = new OAuthWireRequest { Method = "GET", Url = "https://shop.example.com/rest/V1/products", Authorization = "OAuth oauth_consumer_key=\"forged\"" };
            for (var i = 0; i < 3; i++)
            {
                (await scope.ServiceProvider.GetRequiredService<IOAuthRequestValidator>().ValidateAsync(forged, OAuthFlow.ProtectedResource)).Succeeded.Should().BeFalse();
            }
        }

        time.Advance(TimeSpan.FromSeconds(50)); // the host stops 50 s into the minute (a deployment, a scale-in)
        await provider.DisposeAsync();

        // the three refusals were logged at Debug only; the Information summary, the line hosts keep, never came
        log.GetSnapshot().Should().Contain(r => r.Id.Id == 3004 && r.Level == LogLevel.Information, "refusals counted before the stop are summed up, not dropped");
    }

    private sealed class AcceptAll : IAdminPasswordVerifier
    {
        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) => ValueTask.FromResult(true);
    }
}
