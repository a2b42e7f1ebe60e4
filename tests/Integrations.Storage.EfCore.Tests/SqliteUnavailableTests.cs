using Integrations.Security;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>A SQLite database out of reach is unavailable storage (a 503 on the request path), never a raw provider error (a 500).</summary>
public sealed class SqliteUnavailableTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_database_file_that_cannot_be_opened_is_unavailable_storage()
    {
        // the file's directory is gone (a volume not mounted): SQLite error 14 escaped as it was
        var unreachable = new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "shop.db") }.ToString();
        await using var scope = new EfCoreStoreScope(new DbContextOptionsBuilder<TestDbContext>().UseSqlite(unreachable).Options, _time);

        var act = async () => await scope.Integrations.FindByConsumerKeyAsync(CredentialGenerator.Create(), default);

        (await act.Should().ThrowAsync<StorageUnavailableException>()).Which.Message.Should().Contain("unable to open database file");
    }

    [Fact]
    public async Task A_database_another_connection_holds_locked_is_unavailable_storage()
    {
        var impatient = new SqliteConnectionStringBuilder(database.ConnectionString) { DefaultTimeout = 1 }.ToString();
        await using var holder = new SqliteConnection(database.ConnectionString);
        await holder.OpenAsync();
        await ExecuteAsync(holder, "BEGIN EXCLUSIVE");
        try
        {
            await using var scope = new EfCoreStoreScope(new DbContextOptionsBuilder<TestDbContext>().UseSqlite(impatient).Options, _time);

            var act = async () => await scope.Integrations.CreateAsync(SampleIntegrations.New("Locked out", _time.GetUtcNow()), default);

            await act.Should().ThrowAsync<StorageUnavailableException>();
        }
        finally
        {
            await ExecuteAsync(holder, "ROLLBACK");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
