namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>A PostgreSQL database whose integrations tables are prefixed <c>shop_</c>, in a schema of their own.</summary>
public sealed class PrefixedPostgresTestDatabase : PostgresTestDatabase
{
    public override string TablePrefix => "shop_";

    public override string? Schema => "integrations";
}
