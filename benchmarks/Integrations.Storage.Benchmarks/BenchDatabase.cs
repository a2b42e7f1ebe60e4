using System.Globalization;
using System.Diagnostics;
using Integrations.Model;
using Integrations.Security;
using Integrations.Storage.EfCore.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Storage.Benchmarks;

/// <summary>
/// One benchmark database per provider and table size, created and seeded once (kept between runs; drop them with
/// <c>--drop-databases</c>). The nonces are seeded by one set-based INSERT (PostgreSQL <c>generate_series</c>,
/// SQLite a recursive CTE), in primary-key order, all unexpired, so the table really holds that many rows.
/// </summary>
public static class BenchDatabase
{
    /// <summary>The consumer key of the integration the benchmarks sign as (its nonces are removed before a run).</summary>
    public const string ConsumerKey = "benchconsumer000000000000000001";

    /// <summary>The concurrency token of the benchmark's integration (the nonce insert checks it).</summary>
    public const string ConcurrencyToken = "benchstamp000000000000000000001";

    /// <summary>The access token of that integration.</summary>
    public const string AccessToken = "benchaccesstoken0000000000000001";

    private const int NoncesPerSeedConsumer = 10_000;

    public static DbContextOptions<BenchDbContext> Options(string provider, int storedNonces) => provider switch
    {
        "SQLite" => new DbContextOptionsBuilder<BenchDbContext>().UseSqlite(SqliteConnectionString(storedNonces)).Options,
        "PostgreSQL" => new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(PostgresConnectionString(storedNonces)).Options,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "SQLite or PostgreSQL"),
    };

    /// <summary>Creates and seeds the database if needed, and removes the nonces earlier runs added.</summary>
    public static async Task PrepareAsync(string provider, int storedNonces)
    {
        var options = Options(provider, storedNonces);
        await using var db = new BenchDbContext(options);
        if (provider == "PostgreSQL")
        {
            await CreatePostgresDatabaseAsync(storedNonces);
        }

        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS bench_seed (stored_nonces bigint NOT NULL)");
        var seeded = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM bench_seed").SingleAsync();
        if (seeded == 0)
        {
            var clock = Stopwatch.StartNew();
            await SeedAsync(db, provider, storedNonces);
            Console.WriteLine($"// seeded {storedNonces:N0} nonces on {provider} in {clock.Elapsed.TotalSeconds:F1} s");
        }

        var consumerKey = ConsumerKey;
        await db.Database.ExecuteSqlAsync($"DELETE FROM integration_nonce WHERE integration_id IN (SELECT id FROM integration WHERE consumer_key = {consumerKey})");
    }

    public static async Task DropAsync(string provider, int storedNonces)
    {
        if (provider == "SQLite")
        {
            SqliteConnection.ClearAllPools();
            File.Delete(SqlitePath(storedNonces));
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgresDatabaseName(storedNonces)} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task SeedAsync(BenchDbContext db, string provider, int storedNonces)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var expires = DateTimeOffset.UtcNow.AddYears(10).UtcTicks.ToString(CultureInfo.InvariantCulture);
        var count = storedNonces.ToString(CultureInfo.InvariantCulture);
        var perConsumer = NoncesPerSeedConsumer.ToString(CultureInfo.InvariantCulture);
        var seed = provider == "PostgreSQL"
            ? "INSERT INTO integration_nonce (integration_id, nonce_key, expires_at) "
              + $"SELECT md5('seed' || (g / {perConsumer}))::uuid, md5(g::text)::uuid, {expires} "
              + $"FROM generate_series(0, {count} - 1) AS g"
            : $"WITH RECURSIVE s(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM s WHERE g < {count} - 1) "
              + "INSERT INTO integration_nonce (integration_id, nonce_key, expires_at) "
              + $"SELECT printf('%08X-0000-0000-0000-000000000000', g / {perConsumer}), printf('00000000-0000-0000-0000-%012X', g), {expires} FROM s";
        await db.Database.ExecuteSqlRawAsync(seed);
        if (provider == "PostgreSQL")
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE integration_nonce");
        }

        var now = DateTimeOffset.UtcNow;
        var store = new EfCoreIntegrationStore<BenchDbContext>(db);
        await store.CreateAsync(
            new Integration
            {
                Id = Guid.NewGuid(),
                Name = "Benchmark partner",
                Status = IntegrationStatus.Active,
                CreatedAt = now,
                UpdatedAt = now,
                ConcurrencyToken = ConcurrencyToken,
                ConsumerKey = ConsumerKey,
                ProtectedConsumerSecret = "k1:protected-consumer-secret",
                Token = new IntegrationToken(OAuthTokenType.Access, CredentialHasher.Hash(AccessToken), "k1:protected-token", "k1:protected-token-secret", now),
            },
            default);
        var size = storedNonces;
        await db.Database.ExecuteSqlAsync($"INSERT INTO bench_seed (stored_nonces) VALUES ({size})");
    }

    private static async Task CreatePostgresDatabaseAsync(int storedNonces)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", PostgresDatabaseName(storedNonces));
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {PostgresDatabaseName(storedNonces)}", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    private static string SqlitePath(int storedNonces) =>
        Path.Combine(Path.GetTempPath(), $"integrations-bench-{storedNonces}.db");

    private static string SqliteConnectionString(int storedNonces) =>
        new SqliteConnectionStringBuilder { DataSource = SqlitePath(storedNonces) }.ToString();

    private static string PostgresDatabaseName(int storedNonces) => $"integrations_bench_{storedNonces}";

    private static string PostgresConnectionString(int storedNonces) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = PostgresDatabaseName(storedNonces) }.ToString();

    private static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable("TEST_PG") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException("TEST_PG is not set: export TEST_PG=\"$(bash eng/start-postgres.sh)\" first.");
}
