using Integrations.Client.Connections;
using Integrations.Client.EntityFrameworkCore;
using Integrations.Storage.Specification.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Client.Tests;

/// <summary>The connection stores keep what they are given (encrypted secrets as they are), replace by consumer key, list and delete.</summary>
public sealed class ConnectionStoreTests
{
    public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationConnectionsConfiguration();
    }

    private static IntegrationConnection Connection(string key, DateTimeOffset at, string token = "v1:token") => new()
    {
        ConsumerKey = key,
        StoreBaseUrl = new Uri("https://shop.example.com/"),
        ProtectedConsumerSecret = "v1:consumer-secret",
        ProtectedAccessToken = token,
        ProtectedAccessTokenSecret = "v1:token-secret",
        ConnectedAt = at,
        AuthorizedAt = at.AddMinutes(5),
    };

    private static async Task ExerciseAsync(Func<IIntegrationConnectionStore> newStore)
    {
        var at = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        await newStore().SaveAsync(Connection("bbb", at), CancellationToken.None);
        await newStore().SaveAsync(Connection("aaa", at), CancellationToken.None);
        await newStore().SaveAsync(Connection("bbb", at, token: "v1:new-token"), CancellationToken.None);

        (await newStore().FindAsync("bbb", CancellationToken.None)).Should().Be(Connection("bbb", at, token: "v1:new-token"));
        (await newStore().ListAsync(CancellationToken.None)).Select(c => c.ConsumerKey).Should().Equal("aaa", "bbb");
        (await newStore().DeleteAsync("aaa", CancellationToken.None)).Should().BeTrue();
        (await newStore().DeleteAsync("aaa", CancellationToken.None)).Should().BeFalse();
        (await newStore().FindAsync("aaa", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task In_memory()
    {
        var store = new InMemoryIntegrationConnectionStore();
        await ExerciseAsync(() => store);
    }

    [Fact]
    public async Task Entity_framework_core_on_sqlite()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options;
        await using (var db = new AppDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var contexts = new List<AppDbContext>();
        await ExerciseAsync(() =>
        {
            var db = new AppDbContext(options);
            contexts.Add(db);
            return new EfCoreIntegrationConnectionStore<AppDbContext>(db);
        });
        foreach (var db in contexts)
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    [RequiresPostgreSql]
    public async Task Entity_framework_core_on_postgresql()
    {
        var server = Environment.GetEnvironmentVariable("TEST_PG");
        server.Should().NotBeNullOrEmpty("run eng/start-postgres.sh and export TEST_PG");
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(server) { Database = "client_" + Guid.NewGuid().ToString("N") }.ConnectionString).Options;
        await using (var db = new AppDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var contexts = new List<AppDbContext>();
        try
        {
            await ExerciseAsync(() =>
            {
                var db = new AppDbContext(options);
                contexts.Add(db);
                return new EfCoreIntegrationConnectionStore<AppDbContext>(db);
            });
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }

            await using var drop = new AppDbContext(options);
            await drop.Database.EnsureDeletedAsync();
        }
    }
}
