using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>Two app instances (two service providers, two contexts, two connection pools) share one PostgreSQL.</summary>
public sealed class ReplayAcrossInstancesTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private const string ConsumerKey = "consumerkey000000000000000000001";
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_nonce_accepted_by_one_instance_is_refused_by_the_other()
    {
        await using var first = AppInstance.Start(database, _time);
        await using var second = AppInstance.Start(database, _time);
        var expires = _time.GetUtcNow().AddMinutes(20);

        (await TryAddAsync(first, "captured-request-nonce", expires)).Should().BeTrue();
        (await TryAddAsync(second, "captured-request-nonce", expires)).Should().BeFalse("the replay reached another instance");
        (await TryAddAsync(first, "captured-request-nonce", expires)).Should().BeFalse();
    }

    [Fact]
    public async Task A_signed_api_call_replayed_to_another_instance_is_rejected_as_nonce_used()
    {
        await using var first = AppInstance.Start(database, _time);
        await using var second = AppInstance.Start(database, _time);
        IntegrationCredentials credentials;
        await using (var admin = first.CreateAsyncScope())
        {
            var service = admin.ServiceProvider.GetRequiredService<IIntegrationService>();
            var integration = await service.CreateAsync(new IntegrationDraft { Name = "Partner" }, new AdminConfirmation("admin", "pw"));
            credentials = (await service.ActivateAsync(integration.Id)).Credentials;
        }

        var call = AppInstance.SignedCall(first, credentials, "https://shop.example/rest/V1/products?searchCriteria=1");

        var accepted = await AppInstance.ValidateAsync(first, call);
        var replayed = await AppInstance.ValidateAsync(second, call);

        accepted.Succeeded.Should().BeTrue(accepted.ToString());
        replayed.Problem!.Code.Should().Be("nonce_used");
    }

    [Fact]
    public async Task Concurrent_replays_spread_over_two_instances_have_exactly_one_winner()
    {
        await using var first = AppInstance.Start(database, _time);
        await using var second = AppInstance.Start(database, _time);
        var expires = _time.GetUtcNow().AddMinutes(20);

        var attempts = Enumerable.Range(0, 24).Select(i => Task.Run(() => TryAddAsync(i % 2 == 0 ? first : second, "raced-nonce-0000001", expires)));
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(accepted => accepted).Should().Be(1);
    }

    private static async Task<bool> TryAddAsync(IServiceProvider app, string nonce, DateTimeOffset expires)
    {
        await using var request = app.CreateAsyncScope();
        return await request.ServiceProvider.GetRequiredService<INonceStore>().TryAddAsync(ConsumerKey, nonce, expires, default);
    }
}
