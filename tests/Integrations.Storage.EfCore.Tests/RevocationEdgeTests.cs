using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Security;
using Integrations.OAuth;
using Integrations.Storage.EfCore.Stores;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>Replay protection at its edges across instances: the window's last second, and a host that records nonces inside its own transaction.</summary>
public abstract class RevocationEdgeTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const string Url = "https://shop.example/rest/V1/products?searchCriteria=1";
    private static readonly AdminConfirmation Admin = new("admin", "pw");
    private readonly FakeTimeProvider _time = new(); // starts on a whole second

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// The replay is checked by the validator at the last accepted second of the window; its nonce reaches the database
    /// a few hundred milliseconds later (a batch queued behind another, a slow round trip: well within
    /// <see cref="StorageOptions.OperationTimeout"/>). The first use of the nonce must still count then.
    /// </summary>
    [Fact]
    public async Task A_replay_checked_at_the_last_second_of_the_window_is_refused_even_when_its_nonce_insert_runs_a_moment_later()
    {
        var latency = TimeSpan.FromMilliseconds(300);
        Action<IntegrationsBuilder> slowInsert = b => b.Services.Replace(ServiceDescriptor.Scoped<INonceStore>(sp =>
            new SlowNonceStore(ActivatorUtilities.CreateInstance<EfCoreNonceStore<TestDbContext>>(sp), _time, latency)));
        await using var first = AppInstance.Start(database, _time, slowInsert);
        await using var second = AppInstance.Start(database, _time, slowInsert);
        var credentials = await ActivatedIntegrationAsync(first);
        var call = AppInstance.SignedCall(first, credentials, Url); // oauth_timestamp = now (a whole second)

        var accepted = await AppInstance.ValidateAsync(first, call);
        accepted.Succeeded.Should().BeTrue(accepted.ToString());

        // 600 s window: the timestamp is still accepted at 600.8 s (600 whole seconds)
        _time.Advance(TimeSpan.FromSeconds(600) + TimeSpan.FromMilliseconds(800) - latency);
        var replayed = await AppInstance.ValidateAsync(second, call);

        // the store replaced the first use as expired by its clock, read after the decision: the timestamp had left the window by then
        replayed.Succeeded.Should().BeFalse("the same nonce within the timestamp window is a replay");
        replayed.Problem!.Code.Should().Be("timestamp_refused");
    }

    private static async Task<IntegrationCredentials> ActivatedIntegrationAsync(IServiceProvider app)
    {
        await using var admin = app.CreateAsyncScope();
        var service = admin.ServiceProvider.GetRequiredService<IIntegrationService>();
        var integration = await service.CreateAsync(new IntegrationDraft { Name = "Partner" }, Admin);
        return (await service.ActivateAsync(integration.Id)).Credentials;
    }

    /// <summary>A nonce store whose insert takes <c>latency</c> (on the shared fake clock) before it runs.</summary>
    private sealed class SlowNonceStore(INonceStore inner, FakeTimeProvider time, TimeSpan latency) : INonceStore, IAsyncDisposable
    {
        public ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
        {
            time.Advance(latency);
            return inner.TryAddAsync(records, cancellationToken);
        }

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
            inner.RemoveExpiredAsync(now, batchSize, cancellationToken);

        public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
    }
}

public sealed class SqliteRevocationEdgeTests(SqliteTestDatabase database) : RevocationEdgeTests<SqliteTestDatabase>(database);

public sealed class PostgresRevocationEdgeTests(PostgresTestDatabase database) : RevocationEdgeTests<PostgresTestDatabase>(database);

/// <summary>
/// PostgreSQL only: nonces recorded while the host's own transaction is open (SQLite has one writer: a nonce cannot be
/// recorded beside a write transaction the host holds, batched or not).
/// </summary>
public sealed class PostgresHostTransactionTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Url = "https://shop.example/rest/V1/products?searchCriteria=1";
    private readonly FakeTimeProvider _time = new();

    /// <summary>
    /// A host that turns nonce batching off (a supported setting) and runs each request in a unit of work of its own
    /// context (transaction per request): the action fails and the host rolls its transaction back. The nonce of the
    /// accepted request must stay recorded, or the captured request can be replayed to any instance.
    /// </summary>
    [Fact]
    public async Task A_nonce_recorded_inside_the_hosts_request_transaction_survives_its_rollback_so_the_call_cannot_be_replayed()
    {
        Action<IntegrationsBuilder> unbatched = b => b.ConfigureStorage(o => o.BatchNonces = false);
        await using var first = AppInstance.Start(database, _time, unbatched);
        await using var second = AppInstance.Start(database, _time, unbatched);
        IntegrationCredentials credentials;
        await using (var admin = first.CreateAsyncScope())
        {
            var service = admin.ServiceProvider.GetRequiredService<IIntegrationService>();
            credentials = (await service.ActivateAsync((await service.CreateAsync(new IntegrationDraft { Name = "Partner" }, new AdminConfirmation("admin", "pw"))).Id)).Credentials;
        }

        var call = AppInstance.SignedCall(first, credentials, Url);

        await using (var request = first.CreateAsyncScope())
        {
            var context = request.ServiceProvider.GetRequiredService<TestDbContext>();
            await using var unitOfWork = await context.Database.BeginTransactionAsync();
            var accepted = await request.ServiceProvider.GetRequiredService<IOAuthRequestValidator>().ValidateAsync(call, OAuthFlow.ProtectedResource);
            accepted.Succeeded.Should().BeTrue(accepted.ToString());
            await unitOfWork.RollbackAsync(); // the action threw: the host undoes its own writes
        }

        var replayed = await AppInstance.ValidateAsync(second, call);

        replayed.Succeeded.Should().BeFalse("the request was accepted once: its nonce is used");
        replayed.Problem!.Code.Should().Be("nonce_used");
    }

    /// <summary>
    /// Same host as above (nonce batching off, a transaction per request), with a snapshot isolation level: the request
    /// began its transaction (and read something) before the reauthorize, and is authenticated after the reauthorize
    /// returned. The nonce insert, inside the host's snapshot, still sees the old concurrency token and confirms the
    /// old access token.
    /// </summary>
    [Fact]
    public async Task After_a_reauthorize_returned_the_old_token_is_refused_by_a_request_authenticated_inside_a_repeatable_read_host_transaction()
    {
        Action<IntegrationsBuilder> unbatched = b => b.ConfigureStorage(o => o.BatchNonces = false);
        await using var first = AppInstance.Start(database, _time, unbatched);
        await using var second = AppInstance.Start(database, _time, unbatched);
        Integration integration;
        IntegrationCredentials old;
        await using (var admin = first.CreateAsyncScope())
        {
            var service = admin.ServiceProvider.GetRequiredService<IIntegrationService>();
            integration = await service.CreateAsync(new IntegrationDraft { Name = "Partner" }, new AdminConfirmation("admin", "pw"));
            old = (await service.ActivateAsync(integration.Id)).Credentials;
        }

        (await AppInstance.ValidateAsync(second, AppInstance.SignedCall(second, old, Url))).Succeeded.Should().BeTrue(); // second keeps it

        await using var request = second.CreateAsyncScope();
        var context = request.ServiceProvider.GetRequiredService<TestDbContext>();
        await using var unitOfWork = await context.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await context.Database.ExecuteSqlRawAsync("SELECT 1"); // the host's first read in its unit of work

        await using (var admin = first.CreateAsyncScope())
        {
            await admin.ServiceProvider.GetRequiredService<IIntegrationService>().ReauthorizeAsync(integration.Id);
        }

        var result = await request.ServiceProvider.GetRequiredService<IOAuthRequestValidator>().ValidateAsync(AppInstance.SignedCall(second, old, Url), OAuthFlow.ProtectedResource);

        result.Succeeded.Should().BeFalse("the reauthorize had returned before this request was authenticated");
    }
}
