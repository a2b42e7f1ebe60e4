using System.Data.Common;
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

    public override string ProviderName => "Microsoft.EntityFrameworkCore.Sqlite";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };

    /// <summary>SQLITE_BUSY and SQLITE_LOCKED: another connection holds the write lock longer than the busy timeout.</summary>
    public override bool IsTransient(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked } || exception.IsTransient;
}
