using System.Runtime.CompilerServices;
using Integrations.Storage.EfCore.Entities;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// An <see cref="INonceStore"/> over the host's <typeparamref name="TContext"/>. <see cref="TryAddAsync"/> is one
/// statement, one round-trip: an <c>INSERT ... ON CONFLICT (consumer_key, nonce) DO UPDATE ... WHERE expired</c>
/// (PostgreSQL and SQLite share the syntax) that probes the primary key, so its cost does not grow with the table,
/// and the database's unique key makes exactly one of any number of concurrent adds win, across app instances.
/// </summary>
/// <typeparam name="TContext">The host's context type.</typeparam>
public sealed class EfCoreNonceStore<TContext> : INonceStore
    where TContext : DbContext
{
    private static readonly ConditionalWeakTable<IModel, string> TryAddSql = [];

    private readonly TContext _context;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="context">The host's context (one per scope).</param>
    /// <param name="time">The clock that decides whether a recorded nonce has expired.</param>
    public EfCoreNonceStore(TContext context, TimeProvider time)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The consumer key or the nonce is empty or longer than 255 characters.</exception>
    public async ValueTask<bool> TryAddAsync(string consumerKey, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerKey);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        if (consumerKey.Length > NonceEntity.MaxConsumerKeyLength || nonce.Length > NonceEntity.MaxNonceLength)
        {
            throw new ArgumentException($"Consumer keys and nonces are stored up to {NonceEntity.MaxNonceLength} characters.", nameof(nonce));
        }

        var sql = TryAddSql.GetValue(_context.Model, _ => BuildTryAddSql());
        var now = _time.GetUtcNow();
        var rows = await _context.Database.ExecuteSqlRawAsync(sql, [consumerKey, nonce, expiresAt.UtcTicks, now.UtcTicks], cancellationToken).ConfigureAwait(false);
        return rows == 1;
    }

    /// <inheritdoc />
    public async ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);

        // One bounded statement in oldest-first order (the expiry index): short locks, taken in the same order by
        // every instance that cleans up.
        return await _context.Set<NonceEntity>()
            .Where(n => n.ExpiresAt <= now)
            .OrderBy(n => n.ExpiresAt)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    private string BuildTryAddSql()
    {
        var entityType = _context.Model.FindEntityType(typeof(NonceEntity))
            ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no integrations model: call modelBuilder.ApplyIntegrationsConfiguration() in OnModelCreating.");
        var sql = _context.GetService<ISqlGenerationHelper>();
        var tableName = entityType.GetTableName()!;
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entityType.FindProperty(property)!.GetColumnName(table)!);
        var consumerKey = Column(nameof(NonceEntity.ConsumerKey));
        var nonce = Column(nameof(NonceEntity.Nonce));
        var expiresAt = Column(nameof(NonceEntity.ExpiresAt));

        // A recorded nonce is replaced only once it has expired; otherwise nothing changes and no row is counted.
        return $"INSERT INTO {sql.DelimitIdentifier(tableName, entityType.GetSchema())} ({consumerKey}, {nonce}, {expiresAt}) "
            + "VALUES ({0}, {1}, {2}) "
            + $"ON CONFLICT ({consumerKey}, {nonce}) DO UPDATE SET {expiresAt} = excluded.{expiresAt} "
            + $"WHERE {sql.DelimitIdentifier(tableName)}.{expiresAt} <= {{3}}";
    }
}
