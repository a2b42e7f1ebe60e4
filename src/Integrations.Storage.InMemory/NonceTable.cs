using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Integrations.Storage.InMemory;

/// <summary>
/// Every nonce of the store, each kept as a 128-bit digest (XXH128 of its integration's id and its UTF-16 text, seeded
/// at random per table) with its expiry and its owner (a small number per integration), in one 32-byte slot of an
/// open-addressing table (linear probing). The table is split in <see cref="StripeCount"/> stripes, one array and one
/// lock each, chosen by the digest: adds to different stripes never wait for each other, and a stripe that grows
/// rehashes a sixty-fourth of the nonces. Nothing in a slot is an object reference, so a nonce costs no allocation of
/// its own and nothing the garbage collector traces or copies; and a nonce is one slot in one of a few arrays, so an
/// add with millions kept reads one place in memory, a run of neighbouring slots (a dictionary per consumer read four:
/// the dictionary, its buckets, its entries and their headers, spread over thousands of dictionaries). An expired slot is
/// taken over by the next nonce that probes past it, and a stripe that grows leaves its expired nonces behind. Two
/// different nonces of one integration are taken for one with a probability of about 2^-128 per pair, which could
/// refuse a fresh request as a replay, never accept a replay.
/// </summary>
internal sealed class NonceTable
{
    /// <summary>How many independently locked stripes the table has (a power of two).</summary>
    private const int StripeCount = 64;

    /// <summary>The slots of a stripe when it is created or shrunk (a power of two).</summary>
    private const int MinimumCapacity = 16;

    private readonly Stripe[] _stripes = new Stripe[StripeCount];
    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));

    public NonceTable()
    {
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe();
        }
    }

    /// <summary>How many nonces <paramref name="owner"/> has in the table, expired ones not yet removed included.</summary>
    public int Count(int owner)
    {
        var count = 0;
        foreach (var stripe in _stripes)
        {
            lock (stripe.Gate)
            {
                foreach (ref readonly var slot in stripe.Slots.AsSpan())
                {
                    if (slot.IsUsed && slot.Owner == owner)
                    {
                        count++;
                    }
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Keeps a nonce of <paramref name="integrationId"/> (recorded for <paramref name="owner"/>) until
    /// <paramref name="expiresAtTicks"/> (UTC ticks), unless it is kept already and not expired at <paramref name="nowTicks"/>.
    /// </summary>
    /// <returns>Whether the nonce was new (or its earlier use expired).</returns>
    public bool TryAdd(Guid integrationId, ReadOnlySpan<char> nonce, int owner, long expiresAtTicks, long nowTicks)
    {
        var digest = Digest(integrationId, owner, nonce);
        var stripe = StripeOf(digest);
        var entry = new Slot(digest.Low, digest.High, Math.Max(expiresAtTicks, 1), owner);
        lock (stripe.Gate)
        {
            return stripe.TryAdd(entry, nowTicks);
        }
    }

    /// <summary>Takes back a nonce this caller added with <paramref name="expiresAtTicks"/> (not one added again since with another expiry).</summary>
    public void Remove(Guid integrationId, ReadOnlySpan<char> nonce, int owner, long expiresAtTicks)
    {
        var digest = Digest(integrationId, owner, nonce);
        var stripe = StripeOf(digest);
        lock (stripe.Gate)
        {
            stripe.Remove(digest.Low, digest.High, Math.Max(expiresAtTicks, 1));
        }
    }

    /// <summary>Removes up to <paramref name="limit"/> nonces expired at <paramref name="nowTicks"/>, one stripe (and its lock) at a time.</summary>
    /// <returns>How many were removed.</returns>
    public int RemoveExpired(long nowTicks, int limit, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var stripe in _stripes)
        {
            if (removed == limit)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            lock (stripe.Gate)
            {
                removed += stripe.RemoveExpired(nowTicks, limit - removed);
            }
        }

        return removed;
    }

    /// <summary>
    /// The digest of a nonce of one integration: its id and its owner (a new number for an integration created again under
    /// the id of a deleted one, which inherits none of its nonces), then the nonce.
    /// </summary>
    private (ulong Low, ulong High) Digest(Guid integrationId, int owner, ReadOnlySpan<char> nonce)
    {
        var length = 16 + sizeof(int) + (nonce.Length * sizeof(char));
        byte[]? rented = null;
        Span<byte> input = length <= 1024 ? stackalloc byte[length] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length));
        integrationId.TryWriteBytes(input);
        MemoryMarshal.Write(input[16..], in owner);
        MemoryMarshal.AsBytes(nonce).CopyTo(input[(16 + sizeof(int))..]);
        var hash = XxHash128.HashToUInt128(input[..length], _seed);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return ((ulong)hash, (ulong)(hash >> 64));
    }

    private Stripe StripeOf((ulong Low, ulong High) digest) => _stripes[(int)(digest.High & (StripeCount - 1))];

    /// <summary>One lock and the open-addressing slots it guards (a slot's home is its digest's low bits).</summary>
    private sealed class Stripe
    {
        public Lock Gate { get; } = new();

        public Slot[] Slots { get; private set; } = new Slot[MinimumCapacity];

        /// <summary>Slots in use, expired ones included.</summary>
        private int _used;

        public bool TryAdd(in Slot entry, long nowTicks)
        {
            if ((_used + 1) * 4 > Slots.Length * 3)
            {
                Rebuild(nowTicks);
            }

            // the whole probe run is read, so an expired slot is taken over only once the digest is known to be absent
            var mask = Slots.Length - 1;
            var reusable = -1;
            var i = Home(entry.Low, mask);
            for (; Slots[i].IsUsed; i = (i + 1) & mask)
            {
                ref var slot = ref Slots[i];
                if (slot.Low == entry.Low && slot.High == entry.High)
                {
                    if (slot.ExpiresAt > nowTicks)
                    {
                        return false;
                    }

                    slot = entry; // its earlier use expired
                    return true;
                }

                if (reusable < 0 && slot.ExpiresAt <= nowTicks)
                {
                    reusable = i;
                }
            }

            if (reusable < 0)
            {
                reusable = i;
                _used++;
            }

            Slots[reusable] = entry;
            return true;
        }

        public void Remove(ulong low, ulong high, long expiresAtTicks)
        {
            var mask = Slots.Length - 1;
            for (var i = Home(low, mask); Slots[i].IsUsed; i = (i + 1) & mask)
            {
                if (Slots[i].Low == low && Slots[i].High == high)
                {
                    if (Slots[i].ExpiresAt == expiresAtTicks)
                    {
                        Delete(i);
                    }

                    return;
                }
            }
        }

        public int RemoveExpired(long nowTicks, int limit)
        {
            // a deletion moves a later slot of the run into the freed one, so the same index is looked at again; slots
            // only ever move back towards their home, so none is skipped
            var removed = 0;
            for (var i = 0; i < Slots.Length && removed < limit; i++)
            {
                while (removed < limit && Slots[i].IsUsed && Slots[i].ExpiresAt <= nowTicks)
                {
                    Delete(i);
                    removed++;
                }
            }

            return removed;
        }

        /// <summary>Empties slot <paramref name="hole"/> and closes the gap (backward-shift deletion: no tombstones).</summary>
        private void Delete(int hole)
        {
            var mask = Slots.Length - 1;
            _used--;
            for (var next = (hole + 1) & mask; Slots[next].IsUsed; next = (next + 1) & mask)
            {
                // a slot may move into the hole unless its home lies cyclically in (hole, next]
                var home = Home(Slots[next].Low, mask);
                var staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
                if (!staysPut)
                {
                    Slots[hole] = Slots[next];
                    hole = next;
                }
            }

            Slots[hole] = default;
        }

        /// <summary>Moves the unexpired slots to an array where they fill at most half of it (growing, or shrinking after expiries).</summary>
        private void Rebuild(long nowTicks)
        {
            var live = 0;
            foreach (ref readonly var slot in Slots.AsSpan())
            {
                if (slot.IsUsed && slot.ExpiresAt > nowTicks)
                {
                    live++;
                }
            }

            var old = Slots;
            Slots = new Slot[Math.Max(MinimumCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)(live + 1) * 2))];
            var mask = Slots.Length - 1;
            foreach (ref readonly var slot in old.AsSpan())
            {
                if (slot.IsUsed && slot.ExpiresAt > nowTicks)
                {
                    var i = Home(slot.Low, mask);
                    while (Slots[i].IsUsed)
                    {
                        i = (i + 1) & mask;
                    }

                    Slots[i] = slot;
                }
            }

            _used = live;
        }

        private static int Home(ulong low, int mask) => (int)low & mask;
    }

    /// <summary>A kept nonce: its digest, its expiry (UTC ticks; zero for an empty slot) and its owner; 32 bytes, two to a cache line.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Slot(ulong Low, ulong High, long ExpiresAt, int Owner)
    {
        public bool IsUsed => ExpiresAt != 0;
    }
}
