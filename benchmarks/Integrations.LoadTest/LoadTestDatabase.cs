using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.LoadTest;

/// <summary>
/// The one database all hosts of a run share: a new PostgreSQL database or SQLite file per run, named by the load
/// generator, created by the first host and deleted by the load generator once every host has stopped.
/// </summary>
internal static class LoadTestDatabase
{
    /// <summary>A new location for <paramref name="store"/>: a connection string (PostgreSQL), a file path (SQLite) or empty (memory).</summary>
    public static string CreateLocation(string store, string? postgres) => store switch
    {
        "postgres" => new NpgsqlConnectionStringBuilder(postgres) { Database = "loadtest_" + Guid.NewGuid().ToString("N") }.ConnectionString,
        "sqlite" => Path.Combine(Path.GetTempPath(), "loadtest_" + Guid.NewGuid().ToString("N") + ".db"),
        _ => string.Empty,
    };

    /// <summary>The PostgreSQL database's name (the CPU meter and the server counters look for it), else <see langword="null"/>.</summary>
    public static string? PostgresName(string store, string location) =>
        store == "postgres" ? new NpgsqlConnectionStringBuilder(location).Database : null;

    public static void Configure(DbContextOptionsBuilder options, string store, string location, string sqliteSynchronous)
    {
        if (store == "postgres")
        {
            options.UseNpgsql(location);
        }
        else
        {
            options.UseSqlite("Data Source=" + location).AddInterceptors(new SqliteSynchronousInterceptor(sqliteSynchronous));
        }
    }

    /// <summary>Drops the PostgreSQL database or deletes the SQLite file and its WAL files. Call once no host uses it.</summary>
    public static async Task DeleteAsync(string store, string location)
    {
        if (store == "postgres")
        {
            await DropPostgresAsync(location);
        }
        else if (store == "sqlite")
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(location + suffix);
            }
        }
    }

    /// <summary>
    /// Drops the database from the server's <c>postgres</c> database. Not EF Core's <c>EnsureDeleted</c>: it sends
    /// <c>DROP DATABASE … WITH (FORCE)</c>, which PostgreSQL refuses to a user that is not a superuser while an
    /// autovacuum worker is in the database (42501, "must be a member of the role whose process is being
    /// terminated"), as it often is after a run has inserted nonces. A plain <c>DROP DATABASE</c> ends autovacuum
    /// workers itself and waits up to 5 s for other sessions; a database still in use then is tried again.
    /// </summary>
    private static async Task DropPostgresAsync(string location)
    {
        NpgsqlConnection.ClearAllPools(); // this process's idle connections to the database (seeder, counters)
        var name = new NpgsqlConnectionStringBuilder(location).Database!;
        var admin = new NpgsqlConnectionStringBuilder(location) { Database = "postgres", Pooling = false }.ConnectionString;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("DROP DATABASE IF EXISTS " + Quote(name), connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
