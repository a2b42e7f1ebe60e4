using System.Collections.Concurrent;
using Integrations.Model;
using Integrations.Stores;

namespace Integrations.Storage.InMemory;

/// <summary>
/// A thread-safe <see cref="INonceStore"/> in process memory. Each add is atomic (under the lock of the part of the
/// table the nonce falls in, over an expired entry too) and checks the integration's concurrency token in
/// <see cref="InMemoryIntegrationStore"/> before and after: a nonce added while the integration changed is taken back
/// and reported as <see cref="NonceOutcome.IntegrationChanged"/>. A nonce is kept as a 128-bit digest of its
/// integration's id and its text, with its expiry, in one slot of a table of plain values the garbage collector
/// neither traces nor copies: no allocation per nonce, 43 to 85 bytes each (two different nonces of one integration
/// are confused with a probability of about 2^-128, which could refuse a fresh request, never accept a replay). The
/// nonces of a deleted integration are no longer counted and go with the expired ones.
/// </summary>
public sealed class InMemoryNonceStore : INonceStore
{
    private readonly NonceTable _table = new();
    private readonly ConcurrentDictionary<Guid, int> _owners = new();
    private readonly TimeProvider _time;
    private InMemoryIntegrationStore? _integrations;
    private int _lastOwner;

    /// <summary>Creates the store.</summary>
    /// <param name="time">The clock that decides whether a recorded nonce has expired.</param>
    public InMemoryNonceStore(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        // the whole batch is checked before any of it is recorded: a refused batch records nothing
        var pairs = new HashSet<(string, string)>(records.Count);
        foreach (var record in records)
        {
            Validate(record);
            if (!pairs.Add((record.ConsumerKey, record.Nonce.ToString())))
            {
                throw new ArgumentException("The records of one batch must name distinct (consumer key, nonce) pairs.", nameof(records));
            }
        }

        var outcomes = new NonceOutcome[records.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = TryAdd(records[i]);
        }

        return ValueTask.FromResult<IReadOnlyList<NonceOutcome>>(outcomes);
    }

    /// <inheritdoc />
    public ValueTask<NonceOutcome> TryAddAsync(NonceRecord record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Validate(record);
        return ValueTask.FromResult(TryAdd(record));
    }

    /// <inheritdoc />
    public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return ValueTask.FromResult(_table.RemoveExpired(now.UtcTicks, batchSize, cancellationToken));
    }

    /// <summary>How many nonces are recorded for a consumer key (for diagnostics and tests).</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <returns>The count.</returns>
    public int Count(string consumerKey) =>
        _integrations?.CurrentByConsumerKey(consumerKey) is { } integration && _owners.TryGetValue(integration.Id, out var owner) ? _table.Count(owner) : 0;

    /// <summary>Connects the integration store whose concurrency tokens the adds check (done by its constructor).</summary>
    internal void Attach(InMemoryIntegrationStore integrations) => _integrations = integrations;

    /// <summary>
    /// Forgets a deleted integration (called under the integration store's write lock): an integration created again
    /// under its id (a declared integration's id is derived from its key) gets another owner, so none of the deleted
    /// one's nonces count for it, as the EF Core stores delete them.
    /// </summary>
    internal void Forget(Guid integrationId) => _owners.TryRemove(integrationId, out _);

    private static void Validate(NonceRecord record)
    {
        ArgumentException.ThrowIfNullOrEmpty(record.ConsumerKey);
        ArgumentNullException.ThrowIfNull(record.IntegrationConcurrencyToken);
        if (record.Nonce.IsEmpty)
        {
            throw new ArgumentException("The nonce is empty.", nameof(record));
        }
    }

    private NonceOutcome TryAdd(NonceRecord record)
    {
        var integration = _integrations?.CurrentByConsumerKey(record.ConsumerKey);
        if (!IsCurrent(integration, record))
        {
            return NonceOutcome.IntegrationChanged;
        }

        var id = integration!.Id;
        var owner = _owners.GetOrAdd(id, static (_, store) => Interlocked.Increment(ref store._lastOwner), this);
        var expiresAt = record.ExpiresAt.UtcTicks;
        if (!_table.TryAdd(id, record.Nonce.Span, owner, expiresAt, _time.GetUtcNow().UtcTicks))
        {
            return NonceOutcome.Used;
        }

        // Concurrency tokens never repeat: unchanged after the add means unchanged throughout it.
        if (!IsCurrent(_integrations!.CurrentByConsumerKey(record.ConsumerKey), record))
        {
            _table.Remove(id, record.Nonce.Span, owner, expiresAt);
            return NonceOutcome.IntegrationChanged;
        }

        return NonceOutcome.Recorded;
    }

    private static bool IsCurrent(Integration? integration, NonceRecord record) =>
        integration is not null && string.Equals(integration.ConcurrencyToken, record.IntegrationConcurrencyToken, StringComparison.Ordinal);
}
