using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;

namespace Integrations.Storage.EfCore.Tests.Conformance;

// The store conformance suite, unchanged, on each provider. Each class gets a database of its own (class fixture),
// emptied before every test.

public sealed class SqliteIntegrationStoreTests(SqliteTestDatabase database) : IntegrationStoreSpecification, IClassFixture<SqliteTestDatabase>
{
    public override Task InitializeAsync() => database.ResetAsync();

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new EfCoreStoreScope(database, Time));
}

public sealed class SqliteNonceStoreTests(SqliteTestDatabase database) : NonceStoreSpecification, IClassFixture<SqliteTestDatabase>
{
    public override Task InitializeAsync() => database.ResetAsync();

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new EfCoreStoreScope(database, Time));
}

public sealed class PostgresIntegrationStoreTests(PostgresTestDatabase database) : IntegrationStoreSpecification, IClassFixture<PostgresTestDatabase>
{
    public override Task InitializeAsync() => database.ResetAsync();

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new EfCoreStoreScope(database, Time));
}

public sealed class PostgresNonceStoreTests(PostgresTestDatabase database) : NonceStoreSpecification, IClassFixture<PostgresTestDatabase>
{
    public override Task InitializeAsync() => database.ResetAsync();

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new EfCoreStoreScope(database, Time));
}

public sealed class TunedPostgresIntegrationStoreTests(TunedPostgresTestDatabase database) : IntegrationStoreSpecification, IClassFixture<TunedPostgresTestDatabase>
{
    public override Task InitializeAsync() => database.ResetAsync();

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new EfCoreStoreScope(database, Time));
}

public sealed class TunedPostgresNonceStoreTests(TunedPostgresTestDatabase database) : NonceStoreSpecification, IClassFixture<TunedPostgresTestDatabase>
{
    public override Task InitializeAsync() => database.ResetAsync();

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new EfCoreStoreScope(database, Time));
}
