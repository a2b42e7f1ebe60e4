using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;
using Integrations.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Tests;

/// <summary>The token exchange's failure reasons when one call times out.</summary>
public sealed class TokenExchangeAttemptTimeoutTests
{
    private const string Key = "m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d";
    private const string Secret = "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7";
    private const string Verifier = "v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6";

    [Fact]
    public async Task A_call_that_outlasts_the_attempt_timeout_fails_with_the_attempt_timeout_not_the_whole_exchange_timeout()
    {
        // the shop takes 3 s to answer the request-token call; one call may take 0.2 s, the whole exchange 20 s
        var shop = LoopbackApp.CreateBuilder().Build();
        shop.MapPost("/oauth/token/request", async (HttpContext c) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), c.RequestAborted);
            await c.Response.WriteAsync("oauth_token=requesttoken&oauth_token_secret=requestsecret");
        });
        await shop.StartAsync();
        await using var disposeShop = shop;
        var address = LoopbackApp.AddressOf(shop);
        var events = new List<IntegrationConnectionEvent>();
        var services = new ServiceCollection();
        services.AddIntegrationsClient(o =>
        {
            o.AllowedStoreBaseUrls.Add(address);
            o.AllowInsecureStoreUrls = true;
            o.ExchangeAttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.ExchangeTimeout = TimeSpan.FromSeconds(20);
        });
        services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        services.AddSingleton<IIntegrationConnectionObserver>(new Recording(events));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TokenExchangeWorker>().RunAsync(new ReceivedCredentials(Key, Secret, address, Verifier), CancellationToken.None);

        var failed = events.Should().ContainSingle().Which;
        failed.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
        failed.Reason.Should().NotContain("20 s", "the exchange failed after 0.2 s, on ExchangeAttemptTimeout: a reason naming ExchangeTimeout sends the operator to raise the wrong option")
            .And.Contain("0.2 s");
    }

    private sealed class Recording(List<IntegrationConnectionEvent> events) : IIntegrationConnectionObserver
    {
        public Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken)
        {
            events.Add(connectionEvent);
            return Task.CompletedTask;
        }
    }
}
