using Integrations.Storage.EfCore.Entities;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// What the rows say, which the specification cannot see: nonces are kept under their integration's id, so a delete
/// must remove its rows itself (a new integration with the same consumer key has another id and would not meet them),
/// and leaves other integrations' rows alone.
/// </summary>
public abstract class NonceRowsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Deleting_an_integration_removes_its_nonce_rows_and_no_others()
    {
        var doomed = SampleIntegrations.New("Doomed", _time.GetUtcNow());
        var kept = SampleIntegrations.New("Kept", _time.GetUtcNow());
        var expires = _time.GetUtcNow().AddMinutes(20);
        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            await scope.Integrations.CreateAsync(doomed, default);
            await scope.Integrations.CreateAsync(kept, default);
            await scope.Nonces.TryAddOneAsync(doomed, "nonce-of-doomed-0001", expires);
            await scope.Nonces.TryAddOneAsync(doomed, "nonce-of-doomed-0002", expires);
            await scope.Nonces.TryAddOneAsync(kept, "nonce-of-kept-000001", expires);
        }

        (await RowsAsync(doomed.Id)).Should().Be(2);

        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            await scope.Integrations.DeleteAsync(doomed, doomed.ConcurrencyToken, default);
        }

        (await RowsAsync(doomed.Id)).Should().Be(0);
        (await RowsAsync(kept.Id)).Should().Be(1);
    }

    private async Task<int> RowsAsync(Guid integrationId)
    {
        await using var context = new TestDbContext(database.Options);
        return await context.Set<NonceEntity>().CountAsync(n => n.IntegrationId == integrationId);
    }
}

public sealed class SqliteNonceRowsTests(SqliteTestDatabase database) : NonceRowsTests<SqliteTestDatabase>(database);

public sealed class PostgresNonceRowsTests(PostgresTestDatabase database) : NonceRowsTests<PostgresTestDatabase>(database);
