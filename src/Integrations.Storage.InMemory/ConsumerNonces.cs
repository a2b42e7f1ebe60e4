using System.Numerics;
using System.Runtime.InteropServices;

namespace Integrations.Storage.InMemory;

/// <summary>
/// The nonces recorded for one consumer key, with the UTC ticks at which each expires. Split into a few partitions,
/// each behind its own lock, so that concurrent requests of one integration rarely wait for one another. A nonce of at
/// most <see cref="CompactNonce.MaxLength"/> ASCII characters is kept as a <see cref="CompactNonce"/> (no object per
/// nonce); any other as a string.
/// </summary>
internal sealed class ConsumerNonces
{
    private static readonly int PartitionCount = (int)Math.Min(64, BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount * 2));

    private readonly Partition[] _partitions = CreatePartitions();

    /// <summary>How many nonces are recorded, expired ones included until they are removed.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var partition in _partitions)
            {
                lock (partition.Gate)
                {
                    count += partition.Compact.Count + partition.Other.Count;
                }
            }

            return count;
        }
    }

    /// <summary>Records a nonce unless it is recorded and not expired at <paramref name="time"/>'s now.</summary>
    /// <param name="nonce">The nonce.</param>
    /// <param name="expiresAt">When the new record expires, in UTC ticks.</param>
    /// <param name="time">The clock that decides whether a recorded nonce has expired.</param>
    /// <returns><see langword="true"/> when recorded; <see langword="false"/> when the nonce is in use.</returns>
    public bool TryAdd(ReadOnlySpan<char> nonce, long expiresAt, TimeProvider time)
    {
        if (CompactNonce.TryCreate(nonce, out var compact))
        {
            var partition = PartitionOf(compact.GetHashCode());
            lock (partition.Gate)
            {
                return TryAdd(ref CollectionsMarshal.GetValueRefOrAddDefault(partition.Compact, compact, out var exists), exists, expiresAt, time);
            }
        }

        var other = nonce.ToString();
        var otherPartition = PartitionOf(string.GetHashCode(nonce));
        lock (otherPartition.Gate)
        {
            return TryAdd(ref CollectionsMarshal.GetValueRefOrAddDefault(otherPartition.Other, other, out var exists), exists, expiresAt, time);
        }
    }

    /// <summary>Takes a nonce back, if it is still the record that expires at <paramref name="expiresAt"/>.</summary>
    /// <param name="nonce">The nonce.</param>
    /// <param name="expiresAt">The expiry the record was made with, in UTC ticks.</param>
    public void Remove(ReadOnlySpan<char> nonce, long expiresAt)
    {
        if (CompactNonce.TryCreate(nonce, out var compact))
        {
            var partition = PartitionOf(compact.GetHashCode());
            lock (partition.Gate)
            {
                RemoveIfExpiring(partition.Compact, compact, expiresAt);
            }

            return;
        }

        var other = nonce.ToString();
        var otherPartition = PartitionOf(string.GetHashCode(nonce));
        lock (otherPartition.Gate)
        {
            RemoveIfExpiring(otherPartition.Other, other, expiresAt);
        }
    }

    /// <summary>Removes up to <paramref name="max"/> nonces expired at <paramref name="now"/> (UTC ticks).</summary>
    /// <param name="now">The current time, in UTC ticks.</param>
    /// <param name="max">The most nonces to remove.</param>
    /// <param name="cancellationToken">Stops between partitions.</param>
    /// <returns>How many were removed.</returns>
    public int RemoveExpired(long now, int max, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var partition in _partitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (partition.Gate)
            {
                removed += RemoveExpired(partition.Compact, now, max - removed);
                removed += RemoveExpired(partition.Other, now, max - removed);
            }

            if (removed == max)
            {
                break;
            }
        }

        return removed;
    }

    private static bool TryAdd(ref long recordedExpiry, bool exists, long expiresAt, TimeProvider time)
    {
        if (exists && recordedExpiry > time.GetUtcNow().UtcTicks)
        {
            return false;
        }

        recordedExpiry = expiresAt;
        return true;
    }

    private static void RemoveIfExpiring<TNonce>(Dictionary<TNonce, long> nonces, TNonce nonce, long expiresAt)
        where TNonce : notnull
    {
        if (nonces.TryGetValue(nonce, out var recordedExpiry) && recordedExpiry == expiresAt)
        {
            nonces.Remove(nonce);
        }
    }

    private static int RemoveExpired<TNonce>(Dictionary<TNonce, long> nonces, long now, int max)
        where TNonce : notnull
    {
        var removed = 0;
        foreach (var (nonce, expiresAt) in nonces)
        {
            if (removed == max)
            {
                break;
            }

            // removing while enumerating is allowed by Dictionary (Remove does not invalidate its enumerator)
            if (expiresAt <= now && nonces.Remove(nonce))
            {
                removed++;
            }
        }

        return removed;
    }

    private static Partition[] CreatePartitions()
    {
        var partitions = new Partition[PartitionCount];
        for (var i = 0; i < partitions.Length; i++)
        {
            partitions[i] = new Partition();
        }

        return partitions;
    }

    private Partition PartitionOf(int hash) => _partitions[hash & (PartitionCount - 1)];

    private sealed class Partition
    {
        public Lock Gate { get; } = new();

        public Dictionary<CompactNonce, long> Compact { get; } = [];

        public Dictionary<string, long> Other { get; } = new(StringComparer.Ordinal);
    }
}
