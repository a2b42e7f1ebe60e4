using System.Data.Common;
using Integrations.Storage.EfCore.Entities;
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
    public DbContextOptions<TestDbContext> Options => _options ??= OptionsFor(TablePrefix, Schema);

    private DbContextOptions<TestDbContext>? _options;

    /// <summary>The table prefix of the model this fixture creates and its contexts use (none by default).</summary>
    public virtual string TablePrefix => string.Empty;

    /// <summary>The schema of the model's tables (<see langword="null"/>: the default schema).</summary>
    public virtual string? Schema => null;

    /// <summary>Points a context at this database (what a host writes in <c>AddDbContext</c>).</summary>
    public abstract void UseProvider(DbContextOptionsBuilder options);

    /// <summary>Points a context at this database with the fixture's table naming.</summary>
    public void Configure(DbContextOptionsBuilder options) => Configure(options, TablePrefix, Schema);

    /// <summary>Options for contexts over this database whose model names its tables with <paramref name="tablePrefix"/> and <paramref name="schema"/>.</summary>
    public DbContextOptions<TestDbContext> OptionsFor(string tablePrefix, string? schema = null)
    {
        var builder = new DbContextOptionsBuilder<TestDbContext>();
        Configure(builder, tablePrefix, schema);
        return builder.Options;
    }

    private void Configure(DbContextOptionsBuilder options, string tablePrefix, string? schema)
    {
        UseProvider(options);
        if (tablePrefix.Length > 0 || schema is not null)
        {
            TestTableNaming.Apply(options, tablePrefix, schema);
        }
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

    /// <summary>Deletes every row of the integrations tables (named as the model names them).</summary>
    public Task ResetAsync() => ResetAsync(Options);

    /// <summary>Deletes every row of the integrations tables of the model of <paramref name="options"/>.</summary>
    public static async Task ResetAsync(DbContextOptions<TestDbContext> options)
    {
        await using var context = new TestDbContext(options);
        var sql = context.GetService<ISqlGenerationHelper>();
        foreach (var entity in new[] { typeof(NonceEntity), typeof(IntegrationTokenEntity), typeof(IntegrationEntity) })
        {
            var table = context.Model.FindEntityType(entity)!;
            var delete = "DELETE FROM " + sql.DelimitIdentifier(table.GetTableName()!, table.GetSchema());
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
