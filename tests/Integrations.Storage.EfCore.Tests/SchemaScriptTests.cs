using System.Text.RegularExpressions;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Storage.Specification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// The idempotent SQL scripts shipped in <c>src/Integrations.Storage.EfCore/Schema/</c> are the model's create script
/// with <c>IF NOT EXISTS</c>, for the default names (no table prefix, no schema). When the model changes, regenerate them:
/// <c>INTEGRATIONS_WRITE_SCHEMA=1 dotnet test tests/Integrations.Storage.EfCore.Tests --filter SchemaScript</c>.
/// </summary>
public abstract partial class SchemaScriptTests(TestDatabase emptyDatabase, string scriptFile)
{
    [Fact]
    public async Task The_shipped_script_is_the_model()
    {
        await using var context = emptyDatabase.NewContext();
        var fromModel = Idempotent(context.Database.GenerateCreateScript());
        var path = Path.Combine(RepositoryRoot(), "src", "Integrations.Storage.EfCore", "Schema", scriptFile);
        if (Environment.GetEnvironmentVariable("INTEGRATIONS_WRITE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(path, fromModel);
        }

        (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n").Should().Be(
            fromModel,
            "the script must match the model; regenerate it with INTEGRATIONS_WRITE_SCHEMA=1 (see this class's summary)");
    }

    [Fact]
    public async Task The_shipped_script_runs_twice_on_an_empty_database_and_the_stores_work_on_it()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "src", "Integrations.Storage.EfCore", "Schema", scriptFile));
        await using (var context = emptyDatabase.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync(script);
            await context.Database.ExecuteSqlRawAsync(script);
        }

        var time = new FakeTimeProvider();
        var integration = SampleIntegrations.New("Acme", time.GetUtcNow(), Model.IntegrationStatus.Active, Security.CredentialGenerator.Create());
        await using (var scope = new EfCoreStoreScope(emptyDatabase, time))
        {
            await scope.Integrations.CreateAsync(integration, default);
            (await scope.Nonces.TryAddOneAsync(integration, "first-nonce-0000001", time.GetUtcNow().AddMinutes(10))).Should().Be(Integrations.Stores.NonceOutcome.Recorded);
        }

        await using (var scope = new EfCoreStoreScope(emptyDatabase, time))
        {
            (await scope.Integrations.FindByTokenHashAsync(integration.Token!.Hash, default)).Should().BeEquivalentTo(integration, o => o.ComparingByMembers<Model.Integration>());
            (await scope.Nonces.TryAddOneAsync(integration, "first-nonce-0000001", time.GetUtcNow().AddMinutes(10))).Should().Be(Integrations.Stores.NonceOutcome.Used);
        }
    }

    private static string Idempotent(string createScript) =>
        CreateStatement().Replace(createScript.ReplaceLineEndings("\n"), "CREATE $1 IF NOT EXISTS ");

    [GeneratedRegex("CREATE (TABLE|UNIQUE INDEX|INDEX) ")]
    private static partial Regex CreateStatement();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Integrations.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Integrations.sln) is not above the test binaries.");
    }
}

/// <summary>A SQLite file with no schema: the script creates it.</summary>
public sealed class EmptySqliteTestDatabase : SqliteTestDatabase
{
    protected override bool CreatesSchema => false;
}

/// <summary>A PostgreSQL database with no schema: the script creates it.</summary>
public sealed class EmptyPostgresTestDatabase : PostgresTestDatabase
{
    protected override bool CreatesSchema => false;
}

public sealed class SqliteSchemaScriptTests(EmptySqliteTestDatabase database) : SchemaScriptTests(database, "sqlite.sql"), IClassFixture<EmptySqliteTestDatabase>;

public sealed class PostgresSchemaScriptTests(EmptyPostgresTestDatabase database) : SchemaScriptTests(database, "postgresql.sql"), IClassFixture<EmptyPostgresTestDatabase>;
