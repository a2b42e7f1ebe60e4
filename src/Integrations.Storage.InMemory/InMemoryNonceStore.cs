using System.Collections.Concurrent;
using Integrations.Stores;

namespace Integrations.Storage.InMemory;

/// <summary>
/// A thread-safe <see cref="INonceStore"/> in process memory. <see cref="TryAddAsync"/> is atomic
/// (<see cref="ConcurrentDictionary{TKey,TValue}.TryAdd"/>, or a compare-and-swap over an expired entry).
/// </summary>
public sealed class InMemoryNonceStore : INonceStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DateTimeOffset>> _byConsumer = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="time">The clock that decides whether a recorded nonce has expired.</param>
    public InMemoryNonceStore(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <inheritdoc />
    public ValueTask<bool> TryAddAsync(string consumerKey, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        ArgumentNullException.ThrowIfNull(nonce);
        cancellationToken.ThrowIfCancellationRequested();
        var nonces = _byConsumer.GetOrAdd(consumerKey, static _ => new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        while (true)
        {
            if (nonces.TryAdd(nonce, expiresAt))
            {
                return ValueTask.FromResult(true);
            }

            if (!nonces.TryGetValue(nonce, out var recordedExpiry))
            {
                continue; // removed meanwhile: try to add again
            }

            if (recordedExpiry > _time.GetUtcNow())
            {
                return ValueTask.FromResult(false);
            }

            if (nonces.TryUpdate(nonce, expiresAt, recordedExpiry))
            {
                return ValueTask.FromResult(true);
            }
        }
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

    /// <summary>Forgets every nonce of a consumer key (its integration was deleted).</summary>
    /// <param name="consumerKey">The consumer key.</param>
    internal void RemoveConsumer(string consumerKey) => _byConsumer.TryRemove(consumerKey, out _);

    /// <summary>How many nonces are recorded for a consumer key (for diagnostics and tests).</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <returns>The count.</returns>
    public int Count(string consumerKey) => _byConsumer.TryGetValue(consumerKey, out var nonces) ? nonces.Count : 0;
}
