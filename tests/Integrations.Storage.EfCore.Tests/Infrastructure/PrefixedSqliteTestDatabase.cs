namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>A SQLite file whose integrations tables are prefixed <c>shop_</c>.</summary>
public sealed class PrefixedSqliteTestDatabase : SqliteTestDatabase
{
    public override string TablePrefix => "shop_";
}
