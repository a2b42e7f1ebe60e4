using System.Data.Common;
using System.Transactions;
using Integrations.Storage.EfCore.Entities;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// An <see cref="INonceStore"/> over the host's <typeparamref name="TContext"/>. <see cref="TryAddAsync(IReadOnlyList{NonceRecord}, CancellationToken)"/> records a
/// whole batch in one statement (one round trip, one transaction, one commit): an <c>INSERT ... ON CONFLICT
/// (integration_id, nonce_key) DO UPDATE ... WHERE expired</c> of the rows whose integration still has the expected
/// concurrency token, which probes the primary key (its cost does not grow with the table) and returns the keys
/// (<see cref="NonceKey"/>) it recorded; the database's unique key makes exactly one of any number of concurrent adds win, across app instances.
/// Only when a record was not recorded, one more read tells a replay from a changed integration.
/// </summary>
/// <typeparam name="TContext">The host's context type.</typeparam>
public sealed class EfCoreNonceStore<TContext> : INonceStore, IAsyncDisposable, IDisposable
    where TContext : DbContext
{
    private readonly TContext _context;
    private readonly TimeProvider _time;
    private readonly IServiceScopeFactory? _scopes;
    private bool _holdsConnection;
    private DbCommand? _insert;

    /// <summary>Creates the store.</summary>
    /// <param name="context">The host's context (one per scope).</param>
    /// <param name="time">The clock that decides whether a recorded nonce has expired.</param>
    public EfCoreNonceStore(TContext context, TimeProvider time)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// Creates the store, which records nonces outside any transaction the host opened on <paramref name="context"/> (or
    /// an ambient one), on a context of its own from <paramref name="scopes"/>: a nonce must outlive the host's unit of
    /// work, whose rollback would make the request replayable, and must not be read at the host's snapshot.
    /// </summary>
    /// <param name="context">The host's context (one per scope).</param>
    /// <param name="time">The clock that decides whether a recorded nonce has expired.</param>
    /// <param name="scopes">Makes the scope of the context used while the host's transaction is open.</param>
    public EfCoreNonceStore(TContext context, TimeProvider time, IServiceScopeFactory scopes)
        : this(context, time) => _scopes = scopes ?? throw new ArgumentNullException(nameof(scopes));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A consumer key or nonce is empty or longer than 255 characters, or two records name the same pair.</exception>
    public async ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        Validate(records);
        if (records.Count == 0)
        {
            return [];
        }

        if (_scopes is not null && (_context.Database.CurrentTransaction is not null || Transaction.Current is not null))
        {
            return await TryAddOutsideHostTransactionAsync(_scopes, records, cancellationToken).ConfigureAwait(false);
        }

        return await StorageFailures.RunAsync(_context, (Store: this, Records: records), static (s, ct) => s.Store.TryAddOnHeldConnectionAsync(s.Records, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<NonceOutcome>> TryAddOutsideHostTransactionAsync(IServiceScopeFactory scopes, IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
    {
        using var outsideAmbient = new TransactionScope(TransactionScopeOption.Suppress, TransactionScopeAsyncFlowOption.Enabled);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var own = new EfCoreNonceStore<TContext>(scope.ServiceProvider.GetRequiredService<TContext>(), _time);
            await using (own.ConfigureAwait(false))
            {
                return await own.TryAddAsync(records, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gives back the connection the store kept open between batches.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync() => await ReleaseConnectionAsync().ConfigureAwait(false);

    /// <summary>Gives back the connection the store kept open between batches.</summary>
    public void Dispose()
    {
        _insert?.Dispose();
        _insert = null;
        if (_holdsConnection)
        {
            _holdsConnection = false;
            _context.GetService<IRelationalConnection>().Close();
        }
    }

    /// <inheritdoc />
    public async ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);

        // One bounded statement in oldest-first order (the expiry index): short locks, taken in the same order by
        // every instance that cleans up. The expiry is also a condition of the deleted row itself, not only of the
        // bounded selection: a row recorded again (its nonce reused once it expired) while the delete waited for its
        // lock is checked again as it is now (PostgreSQL re-evaluates the target's own conditions on the updated row)
        // and kept; deleting it would make the new request replayable.
        return await StorageFailures.RunAsync(
            _context,
            (Context: _context, Now: now, BatchSize: batchSize),
            static (s, ct) => s.Context.Set<NonceEntity>()
                .Where(n => n.ExpiresAt <= s.Now
                    && s.Context.Set<NonceEntity>()
                        .Where(e => e.ExpiresAt <= s.Now)
                        .OrderBy(e => e.ExpiresAt)
                        .Take(s.BatchSize)
                        .Any(e => e.IntegrationId == n.IntegrationId && e.NonceKey == n.NonceKey))
                .ExecuteDeleteAsync(ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps the connection open until the store is disposed, so consecutive batches (the group commit writer keeps its
    /// scope while the queue is busy) use one warm connection and server session; any failure gives it back first, so a
    /// retry opens a fresh one.
    /// </summary>
    private async Task<IReadOnlyList<NonceOutcome>> TryAddOnHeldConnectionAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
    {
        try
        {
            if (!_holdsConnection)
            {
                await _context.GetService<IRelationalConnection>().OpenAsync(cancellationToken, errorsExpected: true).ConfigureAwait(false);
                _holdsConnection = true;
            }

            return await TryAddCoreAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask ReleaseConnectionAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync().ConfigureAwait(false);
            _insert = null;
        }

        if (_holdsConnection)
        {
            _holdsConnection = false;
            await _context.GetService<IRelationalConnection>().CloseAsync().ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<NonceOutcome>> TryAddCoreAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
    {
        var statements = NonceStatements.For(_context);
        var outcomes = new NonceOutcome[records.Count];
        var keys = new Guid[records.Count];
        var sent = new Dictionary<Guid, int>(records.Count);
        List<int>? collided = null;
        for (var i = 0; i < records.Count; i++)
        {
            keys[i] = NonceKey.Of(records[i].ConsumerKey, records[i].Nonce.Span);
            if (!sent.TryAdd(keys[i], i))
            {
                (collided ??= []).Add(i); // two pairs with one key (about 2^-128): the later one is refused as used
            }
        }

        var batch = collided is null ? records : Without(records, collided);
        var batchKeys = collided is null ? keys : Without(keys, collided);
        var recorded = new HashSet<Guid>(batch.Count);
        var insert = await InsertCommandAsync(statements, batch, batchKeys, cancellationToken).ConfigureAwait(false);
        var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                recorded.Add(reader.GetGuid(0));
            }
        }

        List<int>? unrecorded = null;
        for (var i = 0; i < records.Count; i++)
        {
            if (collided?.Contains(i) == true)
            {
                outcomes[i] = NonceOutcome.Used;
            }
            else if (recorded.Contains(keys[i]))
            {
                outcomes[i] = NonceOutcome.Recorded;
            }
            else
            {
                (unrecorded ??= []).Add(i);
            }
        }

        if (unrecorded is not null)
        {
            await TellReplaysFromChangesAsync(statements, records, unrecorded, outcomes, cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    private static T[] Without<T>(IReadOnlyList<T> items, List<int> left) =>
        [.. items.Where((_, i) => !left.Contains(i))];

    /// <summary>
    /// A record was not recorded because its nonce is used or because its integration changed: the current concurrency
    /// tokens tell which. Read after the insert, that is exact, as tokens never repeat: a token still current now was
    /// current when the insert ran.
    /// </summary>
    private async Task TellReplaysFromChangesAsync(NonceStatements statements, IReadOnlyList<NonceRecord> records, List<int> unrecorded, NonceOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var consumerKeys = unrecorded.Select(i => records[i].ConsumerKey).Distinct(StringComparer.Ordinal).ToList();
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        var read = CreateCommand(statements.ReadStamps(consumerKeys.Count));
        await using (read.ConfigureAwait(false))
        {
            for (var i = 0; i < consumerKeys.Count; i++)
            {
                DatabaseDialect.AddParameter(read, $"@c{i}", consumerKeys[i]);
            }

            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    current[reader.GetString(0)] = reader.GetString(1);
                }
            }
        }

        foreach (var i in unrecorded)
        {
            outcomes[i] = current.TryGetValue(records[i].ConsumerKey, out var token) && string.Equals(token, records[i].IntegrationConcurrencyToken, StringComparison.Ordinal)
                ? NonceOutcome.Used
                : NonceOutcome.IntegrationChanged;
        }
    }

    /// <summary>
    /// The insert command bound to <paramref name="records"/>: made (and prepared, once bound, where the dialect says so)
    /// once per held connection and reused by every batch on it.
    /// </summary>
    private async ValueTask<DbCommand> InsertCommandAsync(NonceStatements statements, IReadOnlyList<NonceRecord> records, Guid[] keys, CancellationToken cancellationToken)
    {
        var created = _insert is null;
        _insert ??= CreateCommand(statements.Insert);
        _insert.Transaction = _context.Database.CurrentTransaction?.GetDbTransaction();
        statements.Dialect.BindNonceBatch(_insert, records, keys, _time.GetUtcNow().UtcTicks);
        if (created && statements.Dialect.PreparesNonceBatch(_insert.Connection!))
        {
            await _insert.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }

        return _insert;
    }

    private DbCommand CreateCommand(string sql)
    {
        var command = _context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = _context.Database.CurrentTransaction?.GetDbTransaction();
        if (_context.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }


    private static void Validate(IReadOnlyList<NonceRecord> records)
    {
        var pairs = new HashSet<(string, string)>(records.Count);
        foreach (var record in records)
        {
            ArgumentException.ThrowIfNullOrEmpty(record.ConsumerKey, nameof(records));
            ArgumentNullException.ThrowIfNull(record.IntegrationConcurrencyToken, nameof(records));
            if (record.Nonce.IsEmpty)
            {
                throw new ArgumentException("A nonce is empty.", nameof(records));
            }

            if (record.ConsumerKey.Length > NonceEntity.MaxConsumerKeyLength || record.Nonce.Length > NonceEntity.MaxNonceLength)
            {
                throw new ArgumentException($"Consumer keys and nonces are stored up to {NonceEntity.MaxNonceLength} characters.", nameof(records));
            }

            if (!pairs.Add((record.ConsumerKey, record.Nonce.ToString())))
            {
                throw new ArgumentException("The records of one batch must name distinct (consumer key, nonce) pairs.", nameof(records));
            }
        }
    }
}
