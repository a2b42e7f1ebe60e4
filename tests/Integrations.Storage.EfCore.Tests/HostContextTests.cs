using System.Transactions;
using Integrations.Model;
using Integrations.Storage.EfCore.Stores;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>Host contexts configured as hosts commonly configure them, and the stores over them.</summary>
public abstract class HostContextTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_update_through_a_host_context_that_does_not_track_queries_by_default_is_saved()
    {
        var integration = SampleIntegrations.New("Acme", _time.GetUtcNow(), IntegrationStatus.Active);
        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            await scope.Integrations.CreateAsync(integration, default);
        }

        // a read-mostly host's usual setting: its queries are untracked unless it asks for tracking
        var noTracking = new DbContextOptionsBuilder<TestDbContext>(database.Options).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options;
        var renamed = SampleIntegrations.Next(integration, i => i with { Name = "Acme 2", Status = IntegrationStatus.Inactive, Token = SampleIntegrations.Token("new-token", _time.GetUtcNow()) });
        await using (var scope = new EfCoreStoreScope(noTracking, _time))
        {
            await scope.Integrations.UpdateAsync(renamed, integration.ConcurrencyToken, default);
        }

        await using var check = new EfCoreStoreScope(database, _time);
        var stored = await check.Integrations.FindByIdAsync(integration.Id, default);
        stored.Should().BeEquivalentTo(renamed, o => o.ComparingByMembers<Integration>(), "UpdateAsync returned without error, so the change is stored");
    }

    [Fact]
    public async Task An_update_through_a_host_context_that_detects_changes_explicitly_is_saved()
    {
        var integration = SampleIntegrations.New("Acme", _time.GetUtcNow(), IntegrationStatus.Active);
        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            await scope.Integrations.CreateAsync(integration, default);
        }

        // a host that turned automatic change detection off for its own bulk work (EF's documented performance advice)
        var renamed = SampleIntegrations.Next(integration, i => i with { Name = "Acme 2", Status = IntegrationStatus.Inactive });
        await using (var context = database.NewContext())
        {
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            await new EfCoreIntegrationStore<TestDbContext>(context).UpdateAsync(renamed, integration.ConcurrencyToken, default);
        }

        await using var check = new EfCoreStoreScope(database, _time);
        var stored = await check.Integrations.FindByIdAsync(integration.Id, default);
        stored!.Name.Should().Be("Acme 2", "UpdateAsync returned without error, so the change is stored");
        stored.ConcurrencyToken.Should().Be(renamed.ConcurrencyToken);
    }

    [Fact]
    public async Task A_token_replacement_refused_as_taken_inside_the_hosts_transaction_changes_nothing()
    {
        var acme = SampleIntegrations.New("Acme", _time.GetUtcNow(), IntegrationStatus.Active, token: "acme-token");
        var globex = SampleIntegrations.New("Globex", _time.GetUtcNow(), IntegrationStatus.Active, token: "globex-token");
        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            await scope.Integrations.CreateAsync(acme, default);
            await scope.Integrations.CreateAsync(globex, default);
        }

        var stealing = SampleIntegrations.Next(acme, i => i with { Name = "Acme renamed", Token = globex.Token });
        await using (var context = database.NewContext())
        {
            var store = new EfCoreIntegrationStore<TestDbContext>(context);
            await using var transaction = await context.Database.BeginTransactionAsync();

            var act = () => store.UpdateAsync(stealing, acme.ConcurrencyToken, default).AsTask();

            (await act.Should().ThrowAsync<DuplicateIntegrationException>()).Which.Field.Should().Be(IntegrationUniqueField.Token);

            // the host goes on with its own work, as it can after a refused create, and commits
            await store.CreateAsync(SampleIntegrations.New("Initech", _time.GetUtcNow()), default);
            await transaction.CommitAsync();
        }

        await using var check = new EfCoreStoreScope(database, _time);
        var stored = await check.Integrations.FindByIdAsync(acme.Id, default);
        stored.Should().BeEquivalentTo(acme, o => o.ComparingByMembers<Integration>(), "a refused write changes nothing (IIntegrationStore)");
    }
}

/// <summary>
/// A host's ambient <see cref="TransactionScope"/> (Npgsql enlists in it; SQLite's provider supports none): the stores'
/// writes take part in it, as EF's own SaveChanges does.
/// </summary>
public sealed class PostgresAmbientTransactionTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_update_inside_the_hosts_ambient_transaction_scope_joins_it()
    {
        var integration = SampleIntegrations.New("Acme", _time.GetUtcNow());
        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            await scope.Integrations.CreateAsync(integration, default);
        }

        var renamed = SampleIntegrations.Next(integration, i => i with { Name = "Acme 2" });
        using (var ambient = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
        {
            await using var scope = new EfCoreStoreScope(database, _time);
            await scope.Integrations.UpdateAsync(renamed, integration.ConcurrencyToken, default);
            ambient.Complete();
        }

        await using var check = new EfCoreStoreScope(database, _time);
        (await check.Integrations.FindByIdAsync(integration.Id, default))!.Name.Should().Be("Acme 2");
    }

    [Fact]
    public async Task A_delete_inside_the_hosts_ambient_transaction_scope_joins_it()
    {
        var integration = SampleIntegrations.New("Acme", _time.GetUtcNow());
        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            await scope.Integrations.CreateAsync(integration, default);
        }

        using (var ambient = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
        {
            await using var scope = new EfCoreStoreScope(database, _time);
            await scope.Integrations.DeleteAsync(integration, integration.ConcurrencyToken, default);
            ambient.Complete();
        }

        await using var check = new EfCoreStoreScope(database, _time);
        (await check.Integrations.FindByIdAsync(integration.Id, default)).Should().BeNull();
    }
}

public sealed class SqliteHostContextTests(SqliteTestDatabase database) : HostContextTests<SqliteTestDatabase>(database);

public sealed class PostgresHostContextTests(PostgresTestDatabase database) : HostContextTests<PostgresTestDatabase>(database);

/// <summary>
/// A PostgreSQL server (or role) with a <c>statement_timeout</c>, as production servers commonly have: a write that
/// waits for a row lock longer than that is a timeout, as SQLite's busy timeout is.
/// </summary>
public sealed class PostgresStatementTimeoutTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_update_cut_off_by_the_servers_statement_timeout_is_storage_unavailable()
    {
        var integration = SampleIntegrations.New("Acme", _time.GetUtcNow());
        await using (var scope = new EfCoreStoreScope(database, _time))
        {
            await scope.Integrations.CreateAsync(integration, default);
        }

        // another instance holds the row (a long write of its own)
        await using var holder = database.NewContext();
        await using var held = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("SELECT id FROM integration FOR UPDATE");

        var withTimeout = new DbContextOptionsBuilder<TestDbContext>()
            .UseNpgsql(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Options = "-c statement_timeout=300" }.ConnectionString)
            .Options;
        await using var scopeWithTimeout = new EfCoreStoreScope(withTimeout, _time);
        var act = () => scopeWithTimeout.Integrations.UpdateAsync(SampleIntegrations.Next(integration), integration.ConcurrencyToken, default).AsTask();

        await act.Should().ThrowAsync<StorageUnavailableException>("the database did not answer in time (57014), like a busy SQLite: a 503, not a 500");
        await held.RollbackAsync();
    }
}
