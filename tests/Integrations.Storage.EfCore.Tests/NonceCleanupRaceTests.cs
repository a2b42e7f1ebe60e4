using Integrations.Storage.EfCore.Entities;
using Integrations.Storage.EfCore.Stores;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// The cleanup's delete running while a nonce whose earlier use expired is recorded again (the nonce upsert's
/// <c>DO UPDATE ... WHERE expired</c>), on PostgreSQL, where a delete that waited for the upsert's row lock goes on with
/// the row as the upsert left it.
/// </summary>
public sealed class NonceCleanupRaceTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_cleanup_that_waited_for_a_nonce_being_recorded_again_keeps_the_new_record_so_the_replay_is_refused()
    {
        var consumer = SampleIntegrations.New("Raced consumer", _time.GetUtcNow(), Model.IntegrationStatus.Active);
        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            await scope.Integrations.CreateAsync(consumer, default);
            (await scope.Nonces.TryAddOneAsync(consumer, "reused-nonce", _time.GetUtcNow().AddMinutes(1))).Should().Be(NonceOutcome.Recorded);
        }

        _time.Advance(TimeSpan.FromMinutes(5)); // the first use has expired: the nonce may be recorded again
        var freshExpiry = _time.GetUtcNow().AddMinutes(10);

        // the nonce upsert's own statement (INSERT ... ON CONFLICT DO UPDATE ... WHERE expired), in its transaction, not committed yet
        await using var recorder = new NpgsqlConnection(database.ConnectionString);
        await recorder.OpenAsync();
        await using var transaction = await recorder.BeginTransactionAsync();
        await using (var model = new TestDbContext(database.Options))
        await using (var upsert = new NpgsqlCommand { Connection = recorder, Transaction = transaction })
        {
            var statements = NonceStatements.For(model);
            var record = new NonceRecord(consumer.ConsumerKey, "reused-nonce", freshExpiry, consumer.ConcurrencyToken);
            upsert.CommandText = statements.Insert;
            statements.Dialect.BindNonceBatch(upsert, [record], [NonceKey.Of(record.ConsumerKey, record.Nonce.Span)], _time.GetUtcNow().UtcTicks);
            await using var recorded = await upsert.ExecuteReaderAsync();
            (await recorded.ReadAsync()).Should().BeTrue("the expired nonce is recorded again");
        }

        // meanwhile the cleanup runs: it finds the committed (expired) row and waits for the recorder's row lock
        var cleanupScope = new EfCoreStoreScope(database, _time);
        var cleanup = Task.Run(async () => await cleanupScope.Nonces.RemoveExpiredAsync(_time.GetUtcNow(), 1000, default));
        await WaitUntilALockIsAwaitedAsync();
        await transaction.CommitAsync();
        var removed = await cleanup;
        await cleanupScope.DisposeAsync();

        await using var context = new TestDbContext(database.Options);
        (await context.Set<NonceEntity>().CountAsync(n => n.IntegrationId == consumer.Id))
            .Should().Be(1, "the nonce was recorded again until {0}: removing it would let its request be replayed (removed {1})", freshExpiry, removed);
        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            (await scope.Nonces.TryAddOneAsync(consumer, "reused-nonce", freshExpiry)).Should().Be(NonceOutcome.Used, "a replay inside the window must be refused");
        }
    }

    private async Task WaitUntilALockIsAwaitedAsync()
    {
        await using var monitor = new NpgsqlConnection(database.ConnectionString);
        await monitor.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", monitor);
            if ((long)(await query.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The cleanup never waited for the row lock.");
    }
}
