using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Integrations.Samples.Shop.Data;

/// <summary>
/// Creates the database and its schema when they are new, before the shop takes requests. On PostgreSQL several
/// shop instances may start at once on one database: the first creates it, and the schema is created under an
/// advisory lock so the others wait for it and then find it there.
/// </summary>
internal sealed class ShopDatabaseInitializer(IServiceScopeFactory scopes) : IHostedService
{
    /// <summary>The PostgreSQL advisory lock key the shops take while they create the schema (any constant shared by all instances).</summary>
    private const long SchemaLockKey = 0x5348_4F50_5343_484D; // "SHOPSCHM"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database;
        if (database.IsNpgsql())
        {
            await CreatePostgreSqlSchemaAsync(database, cancellationToken);
        }
        else
        {
            await database.EnsureCreatedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task CreatePostgreSqlSchemaAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        var creator = database.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance created it first.
            }
        }

        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken);
            try
            {
                await database.EnsureCreatedAsync(cancellationToken);
            }
            finally
            {
                await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SchemaLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}
