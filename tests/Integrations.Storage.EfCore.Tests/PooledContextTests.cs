using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// Hosts that register their context with <c>AddDbContextPool</c> (the advice for busy API hosts) reuse contexts
/// across requests; a pooled context must never answer a signed request from what an earlier request read.
/// </summary>
public abstract class PooledContextTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly AdminConfirmation Admin = new("admin", "pw");
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reauthorize_and_delete_on_one_instance_take_effect_on_the_next_request_of_another()
    {
        await using var admin = AppInstance.Start(database, _time, pooledContexts: true);
        await using var api = AppInstance.Start(database, _time, pooledContexts: true);
        var integration = await InScopeAsync(admin, s => s.CreateAsync(new IntegrationDraft { Name = "Partner" }, Admin));
        var first = (await InScopeAsync(admin, s => s.ActivateAsync(integration.Id))).Credentials;
        for (var i = 0; i < 3; i++)
        {
            // several requests, so that the pool hands out a context that has served this integration before
            var accepted = await ValidateAsync(api, first);
            accepted.Succeeded.Should().BeTrue(accepted.ToString());
        }

        var second = (await InScopeAsync(admin, s => s.ReauthorizeAsync(integration.Id))).Credentials;

        (await ValidateAsync(api, first)).Problem!.Reason.Should().Be(OAuthProblemReason.TokenUnknown, "the old access token stopped working at once");
        (await ValidateAsync(api, second)).Succeeded.Should().BeTrue();

        await InScopeAsync(admin, async s =>
        {
            await s.DeleteAsync(integration.Id, Admin);
            return true;
        });

        (await ValidateAsync(api, second)).Problem!.Reason.Should().Be(OAuthProblemReason.ConsumerKeyUnknown);
    }

    private static async Task<T> InScopeAsync<T>(IServiceProvider app, Func<IIntegrationService, Task<T>> action)
    {
        await using var scope = app.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IIntegrationService>());
    }

    private static Task<OAuthValidationResult> ValidateAsync(IServiceProvider app, IntegrationCredentials credentials) =>
        AppInstance.ValidateAsync(app, AppInstance.SignedCall(app, credentials, "https://shop.example/rest/V1/products"));
}

/// <summary>The pooled-context guarantees on SQLite.</summary>
public sealed class SqlitePooledContextTests(SqliteTestDatabase database) : PooledContextTests(database), IClassFixture<SqliteTestDatabase>;

/// <summary>The pooled-context guarantees on PostgreSQL.</summary>
public sealed class PostgresPooledContextTests(PostgresTestDatabase database) : PooledContextTests(database), IClassFixture<PostgresTestDatabase>;

/// <summary>The pooled-context guarantees on PostgreSQL with multiplexing and automatic preparation.</summary>
public sealed class TunedPostgresPooledContextTests(TunedPostgresTestDatabase database) : PooledContextTests(database), IClassFixture<TunedPostgresTestDatabase>;
