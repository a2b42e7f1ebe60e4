using Integrations.Storage.Specification.PostgreSql;
using Npgsql;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// A uniquely named database on the PostgreSQL server of <c>eng/start-postgres.sh</c> (connection string in
/// <c>TEST_PG</c>, which <c>eng/test.sh</c> exports). It does not exist until a shop starts on it (the shop creates
/// it and its schema); disposing drops it.
/// </summary>
public sealed class ShopPostgreSqlDatabase : IAsyncDisposable
{
    private readonly string server;

    public ShopPostgreSqlDatabase()
    {
        server = Environment.GetEnvironmentVariable("TEST_PG") is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException("TEST_PG is not set: run the tests with `bash eng/test.sh`, which starts PostgreSQL (eng/start-postgres.sh) and exports it.");
        Name = $"shop_e2e_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The names of the tables in the database's public schema.</summary>
    public async Task<IReadOnlyList<string>> TablesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>How many ASP.NET Core Data Protection keys the shops stored.</summary>
    public async Task<long> DataProtectionKeysAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM shop_data_protection_key", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync() => await PostgreSqlTestDatabaseDrop.DropAsync(server, Name);
}
