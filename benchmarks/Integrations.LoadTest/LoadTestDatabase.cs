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
            var options = new DbContextOptionsBuilder<LoadTestDbContext>();
            Configure(options, store, location, "full");
            await using var context = new LoadTestDbContext(options.Options);
            await context.Database.EnsureDeletedAsync();
        }
        else if (store == "sqlite")
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(location + suffix);
            }
        }
    }
}
