using Integrations.Storage.Specification.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// A uniquely named database on the PostgreSQL server of <c>eng/start-postgres.sh</c> (connection string in the
/// <c>TEST_PG</c> environment variable, which <c>eng/test.sh</c> exports), dropped at the end.
/// </summary>
[RequiresPostgreSql]
public class PostgresTestDatabase : TestDatabase
{
    private readonly string _serverConnectionString;

    public PostgresTestDatabase()
    {
        var server = Environment.GetEnvironmentVariable("TEST_PG");
        if (string.IsNullOrEmpty(server))
        {
            throw new InvalidOperationException("TEST_PG is not set: run the tests with `bash eng/test.sh`, which starts PostgreSQL (eng/start-postgres.sh) and exports it.");
        }

        _serverConnectionString = server;
        DatabaseName = $"integrations_test_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName }.ToString();
    }

    public override string Provider => "PostgreSQL";

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    public override void UseProvider(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    /// <summary>
    /// Creates the database with a linguistic collation (ICU English, as many production servers have), so the
    /// tests see what ordinal-minded code would get wrong there.
    /// </summary>
    public override async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"CREATE DATABASE \"{DatabaseName}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'",
                connection);
            await create.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }

    public override Task DisposeAsync() => PostgreSqlTestDatabaseDrop.DropAsync(_serverConnectionString, DatabaseName);
}
