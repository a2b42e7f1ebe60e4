using System.Collections.Concurrent;
using Integrations.Stores;

namespace Integrations.Storage.InMemory;

/// <summary>
/// A thread-safe <see cref="INonceStore"/> in process memory. Each add is atomic (under the lock of the part of its
/// consumer's table the nonce falls in, over an expired entry too) and checks the integration's concurrency token in
/// <see cref="InMemoryIntegrationStore"/> before and after: a nonce added while the integration changed is taken back
/// and reported as <see cref="NonceOutcome.IntegrationChanged"/>. A nonce is kept as a 128-bit digest with its expiry,
/// in plain values the garbage collector neither traces nor copies: no allocation per nonce, about 63 bytes each
/// (two different nonces of one consumer are confused with a probability of about 2^-128, which could refuse a fresh
/// request, never accept a replay).
/// </summary>
public sealed class InMemoryNonceStore : INonceStore
{
    private readonly ConcurrentDictionary<string, NonceTable> _byConsumer = new(StringComparer.Ordinal);
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
            removed += nonces.RemoveExpired(now.UtcTicks, batchSize - removed, cancellationToken);
            if (removed == batchSize)
            {
                break;
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

        var nonces = _byConsumer.GetOrAdd(record.ConsumerKey, static _ => new NonceTable());
        var expiresAt = record.ExpiresAt.UtcTicks;
        if (!nonces.TryAdd(record.Nonce.Span, expiresAt, _time))
        {
            return NonceOutcome.Used;
        }

        // Concurrency tokens never repeat: unchanged after the add means unchanged throughout it.
        if (!IsCurrent(record))
        {
            nonces.Remove(record.Nonce.Span, expiresAt);
            return NonceOutcome.IntegrationChanged;
        }

        return NonceOutcome.Recorded;
    }

    private bool IsCurrent(NonceRecord record) =>
        _integrations?.CurrentConcurrencyToken(record.ConsumerKey) is { } current
        && string.Equals(current, record.IntegrationConcurrencyToken, StringComparison.Ordinal);
}
