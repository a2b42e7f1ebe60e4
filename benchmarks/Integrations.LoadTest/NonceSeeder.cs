using System.Diagnostics;
using Npgsql;

namespace Integrations.LoadTest;

/// <summary>Fills a PostgreSQL load-test database's nonce table with expired nonces, and tells how many the cleanup removed.</summary>
internal sealed class NonceSeeder(string connectionString)
{
    /// <summary>Every seeded nonce expired at or before this moment (UTC ticks): an hour before the run.</summary>
    private readonly long _expiredBy = DateTime.UtcNow.AddHours(-1).Ticks;

    /// <summary>Inserts <paramref name="rows"/> expired nonces of <paramref name="consumerKey"/> in one statement, then vacuums and analyzes the table.</summary>
    public async Task SeedAsync(string consumerKey, int rows)
    {
        var clock = Stopwatch.StartNew();
        await ExecuteAsync(
            "INSERT INTO integration_nonce (integration_id, nonce_key, expires_at) "
            + "SELECT i.id, md5('seed-' || g)::uuid, @expired_by - g FROM generate_series(1, @rows) AS g, integration AS i WHERE i.consumer_key = @key",
            ("key", consumerKey), ("rows", rows));
        // VACUUM now, or the insert-triggered autovacuum of the new rows would run during a measurement.
        await ExecuteAsync("VACUUM (ANALYZE) integration_nonce");
        Console.Error.WriteLine($"seeded {rows} expired nonces in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>
    /// How many of the <paramref name="rows"/> seeded nonces the cleanup has removed so far. Seeded nonce <c>g</c>
    /// expired at <c>expired_by - g</c> and the cleanup removes oldest first, so the oldest nonce left tells (one index
    /// probe instead of counting millions of rows).
    /// </summary>
    public async Task<long> RemovedAsync(int rows) =>
        await ExecuteAsync("SELECT min(expires_at) FROM integration_nonce") is long oldest
            ? Math.Min(rows, rows - (_expiredBy - oldest))
            : rows;

    private async Task<object?> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Interruption.Token);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("expired_by", _expiredBy);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(Interruption.Token);
    }
}
