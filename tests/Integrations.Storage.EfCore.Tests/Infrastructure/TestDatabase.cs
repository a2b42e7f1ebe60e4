using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test class (a class fixture): created with the schema on start, emptied before
/// each test, removed at the end.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract string Provider { get; }

    /// <summary>Options for a new, independent context over this database (one per "app instance" or request).</summary>
    public DbContextOptions<TestDbContext> Options => _options ??= BuildOptions();

    private DbContextOptions<TestDbContext>? _options;

    /// <summary>Points a context at this database (what a host writes in <c>AddDbContext</c>).</summary>
    public abstract void UseProvider(DbContextOptionsBuilder options);

    private DbContextOptions<TestDbContext> BuildOptions()
    {
        var builder = new DbContextOptionsBuilder<TestDbContext>();
        UseProvider(builder);
        return builder.Options;
    }

    public TestDbContext NewContext() => new(Options);

    /// <summary>Whether the fixture creates the schema (with <c>EnsureCreated</c>, the path the samples use).</summary>
    protected virtual bool CreatesSchema => true;

    public virtual async Task InitializeAsync()
    {
        await using var context = NewContext();
        if (CreatesSchema)
        {
            await context.Database.EnsureCreatedAsync();
        }
        else if (!await context.GetService<IRelationalDatabaseCreator>().ExistsAsync())
        {
            await context.GetService<IRelationalDatabaseCreator>().CreateAsync();
        }
    }

    public abstract Task DisposeAsync();

    /// <summary>Deletes every row of the integrations tables.</summary>
    public async Task ResetAsync()
    {
        await using var context = NewContext();
        foreach (var table in new[] { IntegrationsTableNames.Nonce, IntegrationsTableNames.Token, IntegrationsTableNames.Integration })
        {
            var delete = "DELETE FROM \"" + table + "\"";
            await context.Database.ExecuteSqlRawAsync(delete);
        }
    }

    /// <summary>Reads every value of every row of a table as text, straight from the database.</summary>
    public async Task<IReadOnlyList<string>> ReadRawAsync(string table)
    {
        await using var context = NewContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        return values;
    }
}
