using Npgsql;

namespace Integrations.Storage.Specification.PostgreSql;

/// <summary>Drops a throwaway test database on the PostgreSQL server of <c>eng/start-postgres.sh</c>.</summary>
public static class PostgreSqlTestDatabaseDrop
{
    private const int Attempts = 40;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Clears the client's connection pools and drops <paramref name="databaseName"/> with <c>WITH (FORCE)</c>, which
    /// ends the test's own sessions. When an autovacuum worker is in the database (a superuser process, which the
    /// test role may not terminate: <c>42501</c>) or a session outlives the server's wait (<c>55006</c>), the drop is
    /// tried again after a pause, for up to ten seconds: a worker on a test database is done within moments.
    /// </summary>
    /// <param name="serverConnectionString">A connection string to another database of the server (<c>TEST_PG</c>).</param>
    /// <param name="databaseName">The database to drop.</param>
    public static async Task DropAsync(string serverConnectionString, string databaseName)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < Attempts)
            {
                await Task.Delay(Pause);
            }
        }
    }
}
