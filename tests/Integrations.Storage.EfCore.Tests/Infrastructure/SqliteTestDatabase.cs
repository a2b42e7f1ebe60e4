using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>A SQLite database in a temporary file of its own.</summary>
public class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"integrations-test-{Guid.NewGuid():N}.db");

    public SqliteTestDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = _path }.ToString();
    }

    public override string Provider => "SQLite";

    public string ConnectionString { get; }

    public override void UseProvider(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString);

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-journal", _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
