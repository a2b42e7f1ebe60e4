using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Integrations.Storage.InMemory;

/// <summary>
/// A nonce of at most <see cref="MaxLength"/> ASCII characters, kept as bytes inside the key itself: a recorded nonce is
/// then an entry of a dictionary's entry array, not a string and a node on the heap that every garbage collection has
/// to trace. Its hash is computed once (randomized per process, as string hashes are) and kept with it.
/// </summary>
internal readonly struct CompactNonce : IEquatable<CompactNonce>
{
    /// <summary>The longest nonce kept in this form (the validator's default <c>NonceMaxLength</c>).</summary>
    public const int MaxLength = 64;

    private readonly Bytes _bytes;
    private readonly int _length;
    private readonly int _hash;

    private CompactNonce(in Bytes bytes, int length, int hash)
    {
        _bytes = bytes;
        _length = length;
        _hash = hash;
    }

    /// <summary>The nonce in compact form; <see langword="false"/> when it is longer than <see cref="MaxLength"/> or not ASCII.</summary>
    /// <param name="nonce">The nonce.</param>
    /// <param name="compact">The compact form.</param>
    /// <returns>Whether the nonce has a compact form.</returns>
    public static bool TryCreate(ReadOnlySpan<char> nonce, out CompactNonce compact)
    {
        compact = default;
        var bytes = default(Bytes);
        Span<byte> destination = MemoryMarshal.AsBytes((Span<ulong>)bytes);
        if (nonce.Length > MaxLength || Ascii.FromUtf16(nonce, destination, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var hash = new HashCode();
        hash.AddBytes(destination[..written]);
        compact = new CompactNonce(bytes, written, hash.ToHashCode());
        return true;
    }

    /// <inheritdoc />
    public bool Equals(CompactNonce other) =>
        _hash == other._hash && _length == other._length && ((ReadOnlySpan<ulong>)_bytes).SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CompactNonce other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    [InlineArray(MaxLength / sizeof(ulong))]
    private struct Bytes
    {
        private ulong _first;
    }
}
