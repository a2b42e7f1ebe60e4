using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Integrations.Storage.InMemory;

/// <summary>
/// The nonces of one consumer key, each kept as a 128-bit digest (XXH128 of its UTF-16 text, seeded at random per
/// table) with its expiry, in <see cref="ShardCount"/> dictionaries of plain values under a lock each. Nothing in
/// them is an object reference: a nonce costs no allocation of its own and nothing the garbage collector traces or
/// copies from generation to generation, however many the window holds (about 63 bytes a nonce, against 164 in two
/// objects as strings in a concurrent dictionary). Two different nonces are taken for one with a
/// probability of about 2^-128 per pair, which could refuse a fresh request as a replay, never accept a replay.
/// </summary>
internal sealed class NonceTable
{
    /// <summary>How many independently locked dictionaries a table has (a power of two): adds to different ones never wait for each other, and a dictionary that grows rehashes a sixteenth of the nonces.</summary>
    private const int ShardCount = 16;

    private readonly Shard[] _shards = new Shard[ShardCount];
    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));

    public NonceTable()
    {
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard();
        }
    }

    /// <summary>How many nonces are kept, expired ones not yet removed included.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var shard in _shards)
            {
                lock (shard.Gate)
                {
                    count += shard.Nonces.Count;
                }
            }

            return count;
        }
    }

    /// <summary>Keeps a nonce until <paramref name="expiresAtTicks"/> (UTC ticks), unless it is kept already and not expired by <paramref name="time"/>.</summary>
    /// <returns>Whether the nonce was new (or its earlier use expired).</returns>
    public bool TryAdd(ReadOnlySpan<char> nonce, long expiresAtTicks, TimeProvider time)
    {
        var digest = Digest(nonce);
        var shard = ShardOf(digest);
        lock (shard.Gate)
        {
            ref var expiry = ref CollectionsMarshal.GetValueRefOrAddDefault(shard.Nonces, digest, out var kept);
            if (kept && expiry > time.GetUtcNow().UtcTicks)
            {
                return false;
            }

            expiry = expiresAtTicks;
            return true;
        }
    }

    /// <summary>Takes back a nonce this caller added with <paramref name="expiresAtTicks"/> (not one added again since with another expiry).</summary>
    public void Remove(ReadOnlySpan<char> nonce, long expiresAtTicks)
    {
        var digest = Digest(nonce);
        var shard = ShardOf(digest);
        lock (shard.Gate)
        {
            if (shard.Nonces.TryGetValue(digest, out var expiry) && expiry == expiresAtTicks)
            {
                shard.Nonces.Remove(digest);
            }
        }
    }

    /// <summary>Removes up to <paramref name="limit"/> nonces expired at <paramref name="nowTicks"/>, one dictionary (and its lock) at a time.</summary>
    /// <returns>How many were removed.</returns>
    public int RemoveExpired(long nowTicks, int limit, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var shard in _shards)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (shard.Gate)
            {
                foreach (var (digest, expiry) in shard.Nonces)
                {
                    if (removed == limit)
                    {
                        return removed;
                    }

                    if (expiry <= nowTicks)
                    {
                        shard.Nonces.Remove(digest); // allowed while enumerating
                        removed++;
                    }
                }
            }
        }

        return removed;
    }

    private Digest128 Digest(ReadOnlySpan<char> nonce)
    {
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(nonce), _seed);
        return new Digest128((ulong)hash, (ulong)(hash >> 64));
    }

    private Shard ShardOf(Digest128 digest) => _shards[(int)(digest.High & (ShardCount - 1))];

    /// <summary>One lock and the digests (with their expiry, UTC ticks) it guards.</summary>
    private sealed class Shard
    {
        public Lock Gate { get; } = new();

        public Dictionary<Digest128, long> Nonces { get; } = [];
    }

    /// <summary>A nonce's digest: two plain words (no 16-byte alignment, unlike <see cref="UInt128"/>, so a dictionary entry stays 32 bytes); already a hash, so its hash code is its low bits.</summary>
    private readonly record struct Digest128(ulong Low, ulong High)
    {
        public bool Equals(Digest128 other) => Low == other.Low && High == other.High;

        public override int GetHashCode() => (int)Low;
    }
}
