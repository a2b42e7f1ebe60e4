using Integrations.Security;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;

namespace Integrations.Storage.EfCore.Tests.Conformance;

// The store conformance suite, unchanged, on each provider. Each class gets a database of its own (class fixture),
// emptied before every test.

/// <summary>The integration store specification on one database.</summary>
public abstract class EfCoreIntegrationStoreTests<TDatabase>(TDatabase database) : IntegrationStoreSpecification, IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    public override Task InitializeAsync() => database.ResetAsync();

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new EfCoreStoreScope(database, Time));
}

/// <summary>The nonce store specification on one database.</summary>
public abstract class EfCoreNonceStoreTests<TDatabase>(TDatabase database) : NonceStoreSpecification, IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    public override Task InitializeAsync() => database.ResetAsync();

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new EfCoreStoreScope(database, Time));
}

/// <summary>The secret protection specification on one database, with one protector.</summary>
public abstract class EfCoreSecretProtectionTests<TDatabase>(TDatabase database, ISecretProtector protector) : SecretProtectionSpecification, IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    protected override ISecretProtector Protector => protector;

    public override Task InitializeAsync() => database.ResetAsync();

    protected override ValueTask<IStoreScope> OpenScopeAsync() => ValueTask.FromResult<IStoreScope>(new EfCoreStoreScope(database, Time));
}

public sealed class SqliteIntegrationStoreTests(SqliteTestDatabase database) : EfCoreIntegrationStoreTests<SqliteTestDatabase>(database);

public sealed class SqliteNonceStoreTests(SqliteTestDatabase database) : EfCoreNonceStoreTests<SqliteTestDatabase>(database);

public sealed class PostgresIntegrationStoreTests(PostgresTestDatabase database) : EfCoreIntegrationStoreTests<PostgresTestDatabase>(database);

public sealed class PostgresNonceStoreTests(PostgresTestDatabase database) : EfCoreNonceStoreTests<PostgresTestDatabase>(database);

// PostgreSQL with the busy-host settings the EF Core README advises (multiplexing, automatic preparation)
public sealed class TunedPostgresIntegrationStoreTests(TunedPostgresTestDatabase database) : EfCoreIntegrationStoreTests<TunedPostgresTestDatabase>(database);

public sealed class TunedPostgresNonceStoreTests(TunedPostgresTestDatabase database) : EfCoreNonceStoreTests<TunedPostgresTestDatabase>(database);

// A prefixed model (and, on PostgreSQL, a schema of its own): the stores read every name from the model.
public sealed class PrefixedSqliteIntegrationStoreTests(PrefixedSqliteTestDatabase database) : EfCoreIntegrationStoreTests<PrefixedSqliteTestDatabase>(database);

public sealed class PrefixedSqliteNonceStoreTests(PrefixedSqliteTestDatabase database) : EfCoreNonceStoreTests<PrefixedSqliteTestDatabase>(database);

public sealed class PrefixedPostgresIntegrationStoreTests(PrefixedPostgresTestDatabase database) : EfCoreIntegrationStoreTests<PrefixedPostgresTestDatabase>(database);

public sealed class PrefixedPostgresNonceStoreTests(PrefixedPostgresTestDatabase database) : EfCoreNonceStoreTests<PrefixedPostgresTestDatabase>(database);

// Each secret protector a host can choose: the stored values differ in length and alphabet.
public sealed class SqliteAesGcmSecretProtectionTests(SqliteTestDatabase database) : EfCoreSecretProtectionTests<SqliteTestDatabase>(database, SecretProtectors.AesGcm());

public sealed class SqliteDataProtectionSecretProtectionTests(SqliteTestDatabase database) : EfCoreSecretProtectionTests<SqliteTestDatabase>(database, SecretProtectors.DataProtection());

public sealed class PostgresAesGcmSecretProtectionTests(PostgresTestDatabase database) : EfCoreSecretProtectionTests<PostgresTestDatabase>(database, SecretProtectors.AesGcm());

public sealed class PostgresDataProtectionSecretProtectionTests(PostgresTestDatabase database) : EfCoreSecretProtectionTests<PostgresTestDatabase>(database, SecretProtectors.DataProtection());
