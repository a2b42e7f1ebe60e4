using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Integrations.LoadTest;

/// <summary>
/// Sets SQLite's <c>synchronous</c> level on every connection the context opens (the setting is per connection).
/// <c>NORMAL</c> in WAL mode skips the fsync of each commit: still safe if the process crashes, but a power loss can
/// undo the last commits.
/// </summary>
internal sealed class SqliteSynchronousInterceptor(string level) : DbConnectionInterceptor
{
    private readonly string _pragma = "PRAGMA synchronous = " + level + ";";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Command(connection).ExecuteNonQuery();

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = _pragma;
        return command;
    }
}
