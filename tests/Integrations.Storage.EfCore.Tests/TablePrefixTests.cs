using Integrations.Stores;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// Two hosts sharing one database, each with its own table prefix: the sets of tables, keys and indexes coexist and
/// the stores of each see only their own rows.
/// </summary>
public abstract class TablePrefixTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly FakeTimeProvider _time = new();
    private readonly DbContextOptions<TestDbContext> _shop = database.OptionsFor("shop_");
    private readonly DbContextOptions<TestDbContext> _blog = database.OptionsFor("blog_");

    public async Task InitializeAsync()
    {
        foreach (var options in new[] { _shop, _blog })
        {
            await using var context = new TestDbContext(options);
            if (!await TableExistsAsync(context))
            {
                await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
            }
            else
            {
                await TestDatabase.ResetAsync(options);
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_prefixed_sets_in_one_database_work_independently()
    {
        var token = Security.CredentialGenerator.Create();
        var integration = SampleIntegrations.New("Acme", _time.GetUtcNow(), Model.IntegrationStatus.Active, token);
        var expiresAt = _time.GetUtcNow().AddMinutes(10);

        // the same name, consumer key, token and nonce in each set: the unique indexes are per set
        foreach (var options in new[] { _shop, _blog })
        {
            await using var scope = new EfCoreStoreScope(options, _time);
            await scope.Integrations.CreateAsync(integration, default);
            (await scope.Nonces.TryAddOneAsync(integration, "nonce-0000000000001", expiresAt)).Should().Be(NonceOutcome.Recorded);
        }

        await using (var shop = new EfCoreStoreScope(_shop, _time))
        {
            var act = () => shop.Integrations.CreateAsync(SampleIntegrations.New("ACME", _time.GetUtcNow()), default).AsTask();
            (await act.Should().ThrowAsync<DuplicateIntegrationException>()).Which.Field.Should().Be(IntegrationUniqueField.Name);
            (await shop.Nonces.TryAddOneAsync(integration, "nonce-0000000000001", expiresAt)).Should().Be(NonceOutcome.Used);
            await shop.Integrations.DeleteAsync(integration, integration.ConcurrencyToken, default);
        }

        await using (var blog = new EfCoreStoreScope(_blog, _time))
        {
            (await blog.Integrations.FindByTokenHashAsync(integration.Token!.Hash, default)).Should().NotBeNull("deleting from the shop's set leaves the blog's");
            (await blog.Nonces.TryAddOneAsync(integration, "nonce-0000000000001", expiresAt)).Should().Be(NonceOutcome.Used, "the blog's nonce was kept");
        }

        await using (var shop = new EfCoreStoreScope(_shop, _time))
        {
            (await shop.Integrations.FindByIdAsync(integration.Id, default)).Should().BeNull();
        }
    }

    [Fact]
    public async Task Every_table_key_and_index_is_named_after_the_prefixed_tables()
    {
        await using var context = new TestDbContext(_shop);
        var names = context.Model.GetEntityTypes().SelectMany(e =>
            new[] { e.GetTableName()! }
                .Concat(e.GetKeys().Select(k => k.GetName()!))
                .Concat(e.GetIndexes().Select(i => i.GetDatabaseName()!))
                .Concat(e.GetForeignKeys().Select(f => f.GetConstraintName()!)))
            .ToList();

        names.Should().HaveCount(11).And.OnlyContain(n => n.StartsWith("shop_", StringComparison.Ordinal) || n.Contains("_shop_", StringComparison.Ordinal));
        names.Should().Contain(["shop_integration", "pk_shop_integration", "ux_shop_integration_normalized_name", "fk_shop_integration_token_integration"]);
    }

    [Fact]
    public async Task A_prefix_that_is_not_a_plain_identifier_is_refused_when_the_model_is_built()
    {
        await using var context = new TestDbContext(database.OptionsFor("shop-"));

        var act = () => context.Model;

        act.Should().Throw<ArgumentException>().WithMessage("*letters, digits and underscores*");
    }

    private async Task<bool> TableExistsAsync(TestDbContext context)
    {
        var table = context.Model.FindEntityType(typeof(Entities.IntegrationEntity))!.GetTableName()!;
        var sql = database.Provider == "PostgreSQL"
            ? $"SELECT count(*) AS \"Value\" FROM pg_tables WHERE tablename = '{table}'"
            : $"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{table}'";
        return await context.Database.SqlQueryRaw<int>(sql).SingleAsync() > 0;
    }
}

public sealed class SqliteTablePrefixTests(EmptySqliteTestDatabase database) : TablePrefixTests<EmptySqliteTestDatabase>(database);

public sealed class PostgresTablePrefixTests(EmptyPostgresTestDatabase database) : TablePrefixTests<EmptyPostgresTestDatabase>(database);
