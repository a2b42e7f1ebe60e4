using Integrations.Model;
using Integrations.Storage.EfCore.Stores;
using Integrations.Storage.EfCore.Tests.Infrastructure;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// The stores' lookups are EF compiled queries, which EF binds to one model; a context type used over two providers
/// in one process has two models, and each must keep working, in any order.
/// </summary>
public sealed class OneContextTypeTwoModelsTests(SqliteTestDatabase sqlite, PostgresTestDatabase postgres)
    : IClassFixture<SqliteTestDatabase>, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await sqlite.ResetAsync();
        await postgres.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lookups_alternating_between_sqlite_and_postgresql_each_find_their_own_rows()
    {
        var inSqlite = await CreateAsync(sqlite, "In SQLite", "sqliteconsumer00000000000000001");
        var inPostgres = await CreateAsync(postgres, "In PostgreSQL", "postgresconsumer000000000000001");

        for (var round = 0; round < 2; round++)
        {
            (await FindAsync(sqlite, inSqlite.ConsumerKey))!.Id.Should().Be(inSqlite.Id);
            (await FindAsync(postgres, inPostgres.ConsumerKey))!.Id.Should().Be(inPostgres.Id);
            (await FindAsync(sqlite, inPostgres.ConsumerKey)).Should().BeNull();
            (await FindAsync(postgres, inSqlite.ConsumerKey)).Should().BeNull();
        }
    }

    private static async Task<Integration> CreateAsync(TestDatabase database, string name, string consumerKey)
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var integration = new Integration
        {
            Id = Guid.NewGuid(),
            Name = name,
            CreatedAt = now,
            UpdatedAt = now,
            ConcurrencyToken = Guid.NewGuid().ToString("N"),
            ConsumerKey = consumerKey,
            ProtectedConsumerSecret = "protected",
        };
        await using var context = database.NewContext();
        await new EfCoreIntegrationStore<TestDbContext>(context).CreateAsync(integration, default);
        return integration;
    }

    private static async Task<Integration?> FindAsync(TestDatabase database, string consumerKey)
    {
        await using var context = database.NewContext();
        return await new EfCoreIntegrationStore<TestDbContext>(context).FindByConsumerKeyAsync(consumerKey, default);
    }
}
