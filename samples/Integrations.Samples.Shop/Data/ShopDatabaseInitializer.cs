using System.Text.RegularExpressions;
using Integrations.Samples.Shop.Admin;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Integrations.Samples.Shop.Data;

/// <summary>
/// Creates the database and the tables missing from it, before the shop takes requests: the shop's and the library's
/// tables are each created when missing (<c>CREATE ... IF NOT EXISTS</c>), whatever else the database holds, so a
/// database that already has tables of its own (a real shop's) gets them too. On PostgreSQL several shop instances
/// may start at once on one database: the first creates it, and the tables and the first Data Protection key are
/// created under an advisory lock, so the others wait for them and then find them there (each making its own first
/// key would leave instances unable to read each other's cookies). Registered before the services that use Data
/// Protection, so it starts before their warm-up reads the key ring.
/// </summary>
internal sealed partial class ShopDatabaseInitializer(IServiceScopeFactory scopes, IKeyManager keys, TimeProvider time) : IHostedService
{
    /// <summary>The PostgreSQL advisory lock key the shops take while they create the schema (any constant shared by all instances).</summary>
    private const long SchemaLockKey = 0x5348_4F50_5343_484D; // "SHOPSCHM"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database;
        if (database.IsNpgsql())
        {
            await CreatePostgreSqlSchemaAsync(database, keys, time, cancellationToken);
        }
        else
        {
            await DropFormerNonceTableAsync(database, "SELECT COUNT(*) AS \"Value\" FROM pragma_table_info('integration_nonce') WHERE name = 'nonce'", cancellationToken);
            await CreateMissingTablesAsync(database, cancellationToken);

            // WAL (kept in the file): API reads never wait for the nonce batches' writes, as the EF Core README advises
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Creates each table of the model (the orders and the library's integrations tables) and each of its indexes
    /// when missing: the model's create script made idempotent, as the library's shipped scripts
    /// (<c>src/Integrations.Storage.EfCore/Schema</c>) are made. Then the shop's tables kept outside the model.
    /// Unlike <c>EnsureCreated</c>, which does nothing once the database holds any table, this also completes a
    /// database that has other tables.
    /// </summary>
    private static async Task CreateMissingTablesAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        await database.ExecuteSqlRawAsync(CreateStatement().Replace(database.GenerateCreateScript(), "CREATE $1 IF NOT EXISTS "), cancellationToken);
        await database.ExecuteSqlRawAsync(ShopGuestAccess.CreateTableSql, cancellationToken);
        await database.ExecuteSqlRawAsync(ShopSessions.CreateTableSql, cancellationToken);
    }

    /// <summary>
    /// A database made before the nonces were stored under digest keys has the former nonce table (<c>consumer_key</c>,
    /// <c>nonce</c>, which <paramref name="probe"/> counts): it holds nothing but nonces still inside the timestamp
    /// window, so it is dropped, to be made again as the model says.
    /// </summary>
    private static async Task DropFormerNonceTableAsync(DatabaseFacade database, string probe, CancellationToken cancellationToken)
    {
        if (await database.SqlQueryRaw<int>(probe).SingleAsync(cancellationToken) > 0)
        {
            await database.ExecuteSqlRawAsync("DROP TABLE integration_nonce", cancellationToken);
        }
    }

    private static async Task CreatePostgreSqlSchemaAsync(DatabaseFacade database, IKeyManager keys, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await database.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            await CreatePostgreSqlDatabaseAsync(database.GetConnectionString()!, cancellationToken);
        }

        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken);
            try
            {
                await DropFormerNonceTableAsync(
                    database,
                    "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'integration_nonce' AND column_name = 'nonce'",
                    cancellationToken);
                await CreateMissingTablesAsync(database, cancellationToken);
                await database.ExecuteSqlRawAsync(PostgreSqlKeyRepository.CreateTableSql, cancellationToken);
                if (keys.GetAllKeys().Count == 0)
                {
                    var now = time.GetUtcNow();
                    keys.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
                }
            }
            finally
            {
                await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SchemaLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Creates the database unless another instance did first: under the same advisory lock, taken in the server's
    /// maintenance database (where <c>CREATE DATABASE</c> runs anyway), so no instance fails or logs an error for it.
    /// </summary>
    private static async Task CreatePostgreSqlDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        // A session lock: released when this unpooled connection closes.
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The statements of a create script that <c>IF NOT EXISTS</c> makes idempotent.</summary>
    [GeneratedRegex("CREATE (TABLE|UNIQUE INDEX|INDEX) ")]
    private static partial Regex CreateStatement();
}
