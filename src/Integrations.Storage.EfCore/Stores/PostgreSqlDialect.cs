using System.Data.Common;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// PostgreSQL (Npgsql): a unique violation is SQLSTATE 23505 (unique_violation, primary keys included), which Npgsql
/// reports in the standard <see cref="DbException.SqlState"/>, so this dialect needs no reference to Npgsql.
/// </summary>
internal sealed class PostgreSqlDialect : DatabaseDialect
{
    private const string UniqueViolation = "23505";

    public override string ProviderName => "Npgsql.EntityFrameworkCore.PostgreSQL";

    public override bool IsUniqueViolation(DbException exception) => exception.SqlState == UniqueViolation;
}
