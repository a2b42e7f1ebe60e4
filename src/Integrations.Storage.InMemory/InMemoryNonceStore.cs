using System.Collections.Concurrent;
using Integrations.Stores;

namespace Integrations.Storage.InMemory;

/// <summary>
/// A thread-safe <see cref="INonceStore"/> in process memory. Each add is atomic
/// (<see cref="ConcurrentDictionary{TKey,TValue}.TryAdd"/>, or a compare-and-swap over an expired entry) and checks the
/// integration's concurrency token in <see cref="InMemoryIntegrationStore"/> before and after: a nonce added while the
/// integration changed is taken back and reported as <see cref="NonceOutcome.IntegrationChanged"/>.
/// </summary>
public sealed class InMemoryNonceStore : INonceStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DateTimeOffset>> _byConsumer = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private InMemoryIntegrationStore? _integrations;

    /// <summary>Creates the store.</summary>
    /// <param name="time">The clock that decides whether a recorded nonce has expired.</param>
    public InMemoryNonceStore(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
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
        return ValueTask.FromResult(TryAdd(record));
    }

    /// <inheritdoc />
    public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var removed = 0;
        foreach (var (_, nonces) in _byConsumer)
        {
            foreach (var entry in nonces)
            {
                if (removed == batchSize)
                {
                    return ValueTask.FromResult(removed);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (entry.Value <= now && nonces.TryRemove(entry))
                {
                    removed++;
                }
            }
        }

        return ValueTask.FromResult(removed);
    }

    /// <summary>How many nonces are recorded for a consumer key (for diagnostics and tests).</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <returns>The count.</returns>
    public int Count(string consumerKey) => _byConsumer.TryGetValue(consumerKey, out var nonces) ? nonces.Count : 0;

    /// <summary>Connects the integration store whose concurrency tokens the adds check (done by its constructor).</summary>
    internal void Attach(InMemoryIntegrationStore integrations) => _integrations = integrations;

    /// <summary>Forgets every nonce of a consumer key (its integration was deleted).</summary>
    /// <param name="consumerKey">The consumer key.</param>
    internal void RemoveConsumer(string consumerKey) => _byConsumer.TryRemove(consumerKey, out _);

    private NonceOutcome TryAdd(NonceRecord record)
    {
        ArgumentException.ThrowIfNullOrEmpty(record.ConsumerKey);
        ArgumentNullException.ThrowIfNull(record.IntegrationConcurrencyToken);
        if (record.Nonce.IsEmpty)
        {
            throw new ArgumentException("The nonce is empty.", nameof(record));
        }

        if (!IsCurrent(record))
        {
            return NonceOutcome.IntegrationChanged;
        }

        var nonces = _byConsumer.GetOrAdd(record.ConsumerKey, static _ => new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        var nonce = record.Nonce.ToString();
        if (!TryAdd(nonces, nonce, record.ExpiresAt))
        {
            return NonceOutcome.Used;
        }

        // Concurrency tokens never repeat: unchanged after the add means unchanged throughout it.
        if (!IsCurrent(record))
        {
            nonces.TryRemove(new KeyValuePair<string, DateTimeOffset>(nonce, record.ExpiresAt));
            return NonceOutcome.IntegrationChanged;
        }

        return NonceOutcome.Recorded;
    }

    private bool TryAdd(ConcurrentDictionary<string, DateTimeOffset> nonces, string nonce, DateTimeOffset expiresAt)
    {
        while (true)
        {
            if (nonces.TryAdd(nonce, expiresAt))
            {
                return true;
            }

            if (!nonces.TryGetValue(nonce, out var recordedExpiry))
            {
                continue; // removed meanwhile: try to add again
            }

            if (recordedExpiry > _time.GetUtcNow())
            {
                return false;
            }

            if (nonces.TryUpdate(nonce, expiresAt, recordedExpiry))
            {
                return true;
            }
        }
    }

    private bool IsCurrent(NonceRecord record) =>
        _integrations?.CurrentConcurrencyToken(record.ConsumerKey) is { } current
        && string.Equals(current, record.IntegrationConcurrencyToken, StringComparison.Ordinal);
}
