using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// Two app instances (two service providers, two contexts, two connection pools, two credential caches) share one
/// database: a replay is refused by the other instance, and a credential revoked on one instance is refused at once by
/// both, though each had accepted it before (and so kept the integration in its cache).
/// </summary>
public abstract class AcrossInstancesTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const string Url = "https://shop.example/rest/V1/products?searchCriteria=1";
    private static readonly AdminConfirmation Admin = new("admin", "pw");
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_signed_api_call_replayed_to_another_instance_is_rejected_as_nonce_used()
    {
        await using var first = AppInstance.Start(database, _time);
        await using var second = AppInstance.Start(database, _time);
        var (_, credentials) = await ActivatedIntegrationAsync(first);
        var call = AppInstance.SignedCall(first, credentials, Url);

        var accepted = await AppInstance.ValidateAsync(first, call);
        var replayed = await AppInstance.ValidateAsync(second, call);

        accepted.Succeeded.Should().BeTrue(accepted.ToString());
        replayed.Problem!.Code.Should().Be("nonce_used");
    }

    [Fact]
    public async Task Concurrent_replays_spread_over_two_instances_have_exactly_one_winner()
    {
        await using var pair = await WarmPairAsync();
        var call = AppInstance.SignedCall(pair.First, pair.Credentials, Url);

        var attempts = Enumerable.Range(0, 48).Select(i => Task.Run(() => AppInstance.ValidateAsync(i % 2 == 0 ? pair.First : pair.Second, call)));
        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Problem!.Code == "nonce_used");
    }

    [Fact]
    public async Task Distinct_concurrent_calls_are_all_accepted()
    {
        await using var first = AppInstance.Start(database, _time);
        await using var second = AppInstance.Start(database, _time);
        var (_, credentials) = await ActivatedIntegrationAsync(first);

        var calls = Enumerable.Range(0, 64).Select(i => Task.Run(() => AppInstance.ValidateAsync(i % 2 == 0 ? first : second, AppInstance.SignedCall(first, credentials, Url))));
        var results = await Task.WhenAll(calls);

        results.Should().OnlyContain(r => r.Succeeded);
    }

    [Fact]
    public async Task After_a_reauthorize_on_one_instance_the_old_access_token_is_refused_by_both()
    {
        await using var pair = await WarmPairAsync();
        var (first, second, old) = (pair.First, pair.Second, pair.Credentials);

        var renewed = (await AdminAsync(first, s => s.ReauthorizeAsync(pair.Integration.Id))).Credentials;

        foreach (var instance in new[] { second, first })
        {
            var refused = await AppInstance.ValidateAsync(instance, AppInstance.SignedCall(first, old, Url));
            refused.Problem!.Code.Should().Be("token_rejected", "the old token stops working at once on every instance");
            (await AppInstance.ValidateAsync(instance, AppInstance.SignedCall(first, renewed, Url))).Succeeded.Should().BeTrue();
        }
    }

    [Fact]
    public async Task A_reauthorize_through_a_callback_keeps_the_old_token_working_on_both_until_the_callback_accepts_then_both_refuse_it()
    {
        await using var pair = await WarmPairAsync(withCallback: true);
        var (first, second, old) = (pair.First, pair.Second, pair.Credentials);
        var duringPost = new List<OAuthValidationResult>();
        using var callback = new System.Net.HttpListener();
        var callbackUrl = $"http://127.0.0.1:{FreePort()}/callback/";
        callback.Prefixes.Add(callbackUrl);
        callback.Start();
        await AdminAsync(first, s => s.UpdateAsync(pair.Integration.Id, new IntegrationDraft { Name = "Partner", CallbackUrl = callbackUrl }, Admin));
        var answering = Task.Run(async () =>
        {
            var post = await callback.GetContextAsync();
            foreach (var instance in new[] { second, first })
            {
                duringPost.Add(await AppInstance.ValidateAsync(instance, AppInstance.SignedCall(first, old, Url)));
            }

            post.Response.StatusCode = 200;
            post.Response.Close();
        });

        await AdminAsync(first, s => s.ReauthorizeAsync(pair.Integration.Id));
        await answering;

        duringPost.Should().HaveCount(2).And.OnlyContain(r => r.Succeeded, "until the callback accepted the new credentials");
        foreach (var instance in new[] { second, first })
        {
            var refused = await AppInstance.ValidateAsync(instance, AppInstance.SignedCall(first, old, Url));
            refused.Problem!.Code.Should().Be("token_rejected", "from the commit on, on every instance");
        }
    }

    [Fact]
    public async Task After_a_delete_on_one_instance_the_credentials_are_refused_by_both()
    {
        await using var pair = await WarmPairAsync();

        await AdminAsync(pair.Second, async s => { await s.DeleteAsync(pair.Integration.Id, Admin); return true; });

        foreach (var instance in new[] { pair.First, pair.Second })
        {
            var refused = await AppInstance.ValidateAsync(instance, AppInstance.SignedCall(instance, pair.Credentials, Url));
            refused.Problem!.Code.Should().Be("consumer_key_unknown");
        }
    }

    [Fact]
    public async Task An_edit_that_keeps_the_credentials_keeps_them_working_on_both()
    {
        await using var pair = await WarmPairAsync();

        await AdminAsync(pair.First, s => s.UpdateAsync(pair.Integration.Id, new IntegrationDraft { Name = "Partner renamed" }, Admin));

        foreach (var instance in new[] { pair.Second, pair.First })
        {
            var accepted = await AppInstance.ValidateAsync(instance, AppInstance.SignedCall(instance, pair.Credentials, Url));
            accepted.Succeeded.Should().BeTrue(accepted.ToString());
            accepted.Integration!.Name.Should().Be("Partner renamed", "the request was decided again on the changed integration");
        }
    }

    /// <summary>Two instances that have each accepted a call of one active integration (so each keeps it in its cache).</summary>
    private async Task<WarmPair> WarmPairAsync(bool withCallback = false)
    {
        Action<IntegrationsBuilder>? activation = withCallback
            ? b => b.ConfigureActivation(o =>
            {
                o.StoreBaseUrl = new Uri("https://shop.example/");
                o.AllowInsecureCallbackUrls = true; // the listener is plain http on loopback
            })
            : null;
        var first = AppInstance.Start(database, _time, activation);
        var second = AppInstance.Start(database, _time, activation);
        var (integration, credentials) = await ActivatedIntegrationAsync(first);
        await WarmUpAsync(credentials, first, second);
        return new WarmPair(first, second, integration, credentials);
    }

    private static async Task<T> AdminAsync<T>(IServiceProvider app, Func<IIntegrationService, Task<T>> action)
    {
        await using var admin = app.CreateAsyncScope();
        return await action(admin.ServiceProvider.GetRequiredService<IIntegrationService>());
    }

    private static async Task<(Model.Integration Integration, IntegrationCredentials Credentials)> ActivatedIntegrationAsync(IServiceProvider app)
    {
        await using var admin = app.CreateAsyncScope();
        var service = admin.ServiceProvider.GetRequiredService<IIntegrationService>();
        var integration = await service.CreateAsync(new IntegrationDraft { Name = "Partner" }, Admin);
        return (integration, (await service.ActivateAsync(integration.Id)).Credentials);
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Each instance accepts one call, so each keeps the integration in its credential cache.</summary>
    private static async Task WarmUpAsync(IntegrationCredentials credentials, params IServiceProvider[] instances)
    {
        foreach (var instance in instances)
        {
            var warm = await AppInstance.ValidateAsync(instance, AppInstance.SignedCall(instance, credentials, Url));
            warm.Succeeded.Should().BeTrue(warm.ToString());
        }
    }
}

/// <summary>Two app instances over one database and the integration both accepted a call of.</summary>
internal sealed record WarmPair(ServiceProvider First, ServiceProvider Second, Model.Integration Integration, IntegrationCredentials Credentials) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}

public sealed class SqliteAcrossInstancesTests(SqliteTestDatabase database) : AcrossInstancesTests<SqliteTestDatabase>(database);

public sealed class PostgresAcrossInstancesTests(PostgresTestDatabase database) : AcrossInstancesTests<PostgresTestDatabase>(database);
