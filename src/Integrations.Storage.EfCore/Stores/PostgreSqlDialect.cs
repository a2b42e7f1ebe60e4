using System.Data.Common;
using Integrations.Stores;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// PostgreSQL (Npgsql): a unique violation is SQLSTATE 23505 (unique_violation, primary keys included), which Npgsql
/// reports in the standard <see cref="DbException.SqlState"/>, so this dialect needs no reference to Npgsql.
/// </summary>
internal sealed class PostgreSqlDialect : DatabaseDialect
{
    private const string UniqueViolation = "23505";

    /// <summary>A statement cut off by the server's <c>statement_timeout</c> (or a cancel request).</summary>
    private const string QueryCanceled = "57014";

    /// <summary>A lock not granted within the server's <c>lock_timeout</c>.</summary>
    private const string LockNotAvailable = "55P03";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Multiplexed = new(StringComparer.Ordinal);

    public override string ProviderName => "Npgsql.EntityFrameworkCore.PostgreSQL";

    public override bool IsUniqueViolation(DbException exception) => exception.SqlState == UniqueViolation;

    /// <summary>
    /// Npgsql's transient failures, and the server's timeouts (<c>statement_timeout</c>, <c>lock_timeout</c>), which
    /// Npgsql does not count as transient: a busy server, as a busy SQLite file is. A cancellation the caller asked for
    /// never gets here (<see cref="StorageFailures"/> lets it through as such).
    /// </summary>
    public override bool IsTransient(DbException exception) =>
        exception.SqlState is QueryCanceled or LockNotAvailable || exception.IsTransient;

    /// <summary>
    /// Prepared once per physical connection and kept by Npgsql; except with multiplexing, where Npgsql prepares only
    /// automatically (<c>Max Auto Prepare</c>).
    /// </summary>
    public override bool PreparesNonceBatch(DbConnection connection) =>
        !Multiplexed.GetOrAdd(connection.ConnectionString, static text =>
            new DbConnectionStringBuilder { ConnectionString = text }.TryGetValue("Multiplexing", out var value)
            && bool.TryParse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out var on) && on);

    /// <summary>The batch as four arrays (<c>unnest(@k, @n, @e, @s)</c>: <c>text[]</c>, <c>uuid[]</c>, <c>bigint[]</c>, <c>text[]</c>).</summary>
    public override string NonceBatchInsert(NonceStatements.Names names) =>
        Upsert(names, "unnest(@k, @n, @e, @s) AS b (consumer_key, nonce_key, expires_at, stamp)");

    /// <inheritdoc />
    public override void BindNonceBatch(DbCommand command, IReadOnlyList<NonceRecord> records, Guid[] keys, long nowTicks)
    {
        var consumerKeys = new string[records.Count];
        var expiries = new long[records.Count];
        var stamps = new string[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            (consumerKeys[i], expiries[i], stamps[i]) = (records[i].ConsumerKey, records[i].ExpiresAt.UtcTicks, records[i].IntegrationConcurrencyToken);
        }

        SetParameter(command, "@k", consumerKeys);
        SetParameter(command, "@n", keys);
        SetParameter(command, "@e", expiries);
        SetParameter(command, "@s", stamps);
        SetParameter(command, "@now", nowTicks);
    }
}
