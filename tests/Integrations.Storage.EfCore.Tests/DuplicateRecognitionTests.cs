using Integrations.Storage.EfCore.Stores;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// What the conformance suite does not see of how the EF Core stores recognise a duplicate (by the provider's error
/// code, then asking which unique value is taken): other refused writes pass unchanged, and a duplicate inside the
/// host's own transaction is recognised and leaves the transaction usable.
/// </summary>
public abstract class DuplicateRecognitionTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_second_integration_with_the_same_id_is_refused_by_the_database_but_not_as_a_taken_value()
    {
        var first = SampleIntegrations.New("First", _time.GetUtcNow());
        await CreateAsync(first);

        // the primary key is a unique violation too (SQLite 1555, PostgreSQL 23505), but no unique value is taken
        var act = () => CreateAsync(SampleIntegrations.New("Second", _time.GetUtcNow()) with { Id = first.Id });

        (await act.Should().ThrowAsync<DbUpdateException>()).Which.Should().NotBeOfType<DuplicateIntegrationException>();
    }

    [Fact]
    public async Task A_write_refused_by_another_constraint_is_not_reported_as_a_duplicate()
    {
        await CreateAsync(SampleIntegrations.New("Acme", _time.GetUtcNow()));

        // NOT NULL fails (SQLite 1299, PostgreSQL 23502), although the name is taken too
        var act = () => CreateAsync(SampleIntegrations.New("Acme", _time.GetUtcNow()) with { ConcurrencyToken = null! });

        await act.Should().ThrowAsync<DbUpdateException>();
    }

    [Fact]
    public async Task A_taken_name_inside_the_hosts_transaction_is_a_duplicate_and_the_transaction_goes_on()
    {
        await CreateAsync(SampleIntegrations.New("Acme", _time.GetUtcNow()));
        var other = SampleIntegrations.New("Other", _time.GetUtcNow());

        await using (var context = database.NewContext())
        {
            var store = new EfCoreIntegrationStore<TestDbContext>(context);
            await using var transaction = await context.Database.BeginTransactionAsync();

            var act = () => store.CreateAsync(SampleIntegrations.New("ACME", _time.GetUtcNow()), default).AsTask();

            (await act.Should().ThrowAsync<DuplicateIntegrationException>()).Which.Field.Should().Be(IntegrationUniqueField.Name);
            await store.CreateAsync(other, default);
            await transaction.CommitAsync();
        }

        await using var check = new EfCoreStoreScope(database, _time);
        (await check.Integrations.FindByIdAsync(other.Id, default)).Should().NotBeNull("the host's transaction was still usable after the refused write");
    }

    private async Task CreateAsync(Model.Integration integration)
    {
        await using var scope = new EfCoreStoreScope(database, _time);
        await scope.Integrations.CreateAsync(integration, default);
    }
}

public sealed class SqliteDuplicateRecognitionTests(SqliteTestDatabase database) : DuplicateRecognitionTests<SqliteTestDatabase>(database);

public sealed class PostgresDuplicateRecognitionTests(PostgresTestDatabase database) : DuplicateRecognitionTests<PostgresTestDatabase>(database);
