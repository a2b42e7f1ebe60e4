using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Integrations.Stores;
using Microsoft.Data.Sqlite;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// SQLite (Microsoft.Data.Sqlite): busy or locked is transient; a unique violation has the extended result code 2067 (SQLITE_CONSTRAINT_UNIQUE),
/// or 1555 (SQLITE_CONSTRAINT_PRIMARYKEY) for a primary key. Only <see cref="SqliteException.SqliteExtendedErrorCode"/>
/// carries it: the standard <see cref="DbException"/> members do not (<c>ErrorCode</c> is a generic HRESULT,
/// <c>SqlState</c> is empty), so this dialect reads the provider's own exception type.
/// </summary>
internal sealed class SqliteDialect : DatabaseDialect
{
    private const int ConstraintUnique = 2067;
    private const int ConstraintPrimaryKey = 1555;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int Protocol = 15;

    public override string ProviderName => "Microsoft.EntityFrameworkCore.Sqlite";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };

    /// <summary>
    /// The batch as one JSON array of <c>[consumer key, nonce key, expiry ticks, concurrency token]</c> rows, read with
    /// <c>json_each</c> (SQLite has no array parameters).
    /// </summary>
    public override string NonceBatchInsert(NonceStatements.Names names) =>
        Upsert(
            names,
            "(SELECT json_extract(value, '$[0]') AS consumer_key, json_extract(value, '$[1]') AS nonce_key, "
            + "json_extract(value, '$[2]') AS expires_at, json_extract(value, '$[3]') AS stamp FROM json_each(@batch)) AS b");

    /// <inheritdoc />
    public override void BindNonceBatch(DbCommand command, IReadOnlyList<NonceRecord> records, Guid[] keys, long nowTicks)
    {
        var json = new ArrayBufferWriter<byte>(records.Count * 128);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                writer.WriteStartArray();
                writer.WriteStringValue(record.ConsumerKey);
                writer.WriteStringValue(StoredKey(keys[i]));
                writer.WriteNumberValue(record.ExpiresAt.UtcTicks);
                writer.WriteStringValue(record.IntegrationConcurrencyToken);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        SetParameter(command, "@batch", Encoding.UTF8.GetString(json.WrittenSpan));
        SetParameter(command, "@now", nowTicks);
    }

    /// <summary>EF Core stores a <see cref="Guid"/> in SQLite as upper-case text (<c>D</c> format): the nonce key is stored so too.</summary>
    private static string StoredKey(Guid key) => key.ToString("D").ToUpperInvariant();

    /// <summary>
    /// SQLITE_BUSY and SQLITE_LOCKED (another connection holds the write lock longer than the busy timeout), and the
    /// file itself out of reach: SQLITE_CANTOPEN (its volume not mounted), SQLITE_IOERR, SQLITE_FULL (the disk) and SQLITE_PROTOCOL.
    /// </summary>
    public override bool IsTransient(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked or IoError or Full or CannotOpen or Protocol } || exception.IsTransient;
}
