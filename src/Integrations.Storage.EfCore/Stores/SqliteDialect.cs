using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// SQLite (Microsoft.Data.Sqlite): a unique violation has the extended result code 2067 (SQLITE_CONSTRAINT_UNIQUE),
/// or 1555 (SQLITE_CONSTRAINT_PRIMARYKEY) for a primary key. Only <see cref="SqliteException.SqliteExtendedErrorCode"/>
/// carries it: the standard <see cref="DbException"/> members do not (<c>ErrorCode</c> is a generic HRESULT,
/// <c>SqlState</c> is empty), so this dialect reads the provider's own exception type.
/// </summary>
internal sealed class SqliteDialect : DatabaseDialect
{
    private const int ConstraintUnique = 2067;
    private const int ConstraintPrimaryKey = 1555;

    public override string ProviderName => "Microsoft.EntityFrameworkCore.Sqlite";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };
}
