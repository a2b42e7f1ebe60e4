using Npgsql;

namespace Integrations.LoadTest;

/// <summary>
/// Reads <see cref="ServerCounts"/> for the load test's database through the connection string the run was given
/// (its own database, so these reads do not count). <c>pg_stat_statements</c> must be preloaded and created in that
/// database (<c>eng/start-postgres.sh</c> does both); without it statements are <see langword="null"/>.
/// </summary>
internal sealed class PostgresCounters(string connectionString, string database)
{
    // A backend publishes its transaction counts at most once a second; one that goes idle sooner than that after
    // its last publication waits 10 s (PostgreSQL 15's PGSTAT_IDLE_INTERVAL) before it publishes the rest. Observed:
    // after 1.5 s idle, a third of a round's transactions was still unpublished. pg_stat_statements counts at once.
    private static readonly TimeSpan PublishDelay = TimeSpan.FromSeconds(11);

    private bool _statementsAvailable = true;

    /// <summary>Waits until the backends have published their counts, then reads them.</summary>
    public async Task<ServerCounts> ReadAsync()
    {
        await Task.Delay(PublishDelay, Interruption.Token);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transactions = await ScalarAsync(connection,
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = @database") ?? 0;
        return new ServerCounts(transactions, await StatementsAsync(connection));
    }

    private async Task<long?> StatementsAsync(NpgsqlConnection connection)
    {
        if (!_statementsAvailable)
        {
            return null;
        }

        try
        {
            return await ScalarAsync(connection,
                "SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = @database)");
        }
        catch (PostgresException)
        {
            _statementsAvailable = false; // not installed here, or not preloaded
            return null;
        }
    }

    private async Task<long?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("database", database);
        return await command.ExecuteScalarAsync() is long value ? value : null;
    }
}
