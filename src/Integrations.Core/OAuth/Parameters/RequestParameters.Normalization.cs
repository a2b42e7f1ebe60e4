using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Integrations.OAuth.Parameters;

// Normalization (RFC 5849 §3.4.1.3.2): the signed parameters sorted by encoded name, then value, and the normalized string.
internal sealed partial class RequestParameters
{
    /// <summary>Up to this many signed parameters are sorted by insertion (no allocation, fastest for usual requests); more by introsort.</summary>
    private const int InsertionSortLimit = 32;

    /// <summary>Sorts the signed parameters (§3.4.1.3.2): by encoded name, then encoded value, in byte order.</summary>
    public void Sort()
    {
        _signedCount = 0;
        var entries = _entries.AsSpan(0, _count);
        var keys = _sortKeys.AsSpan(0, _count);
        var order = _order.AsSpan(0, _count);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Kind is not (ProtocolParameter.Signature or ProtocolParameter.Realm))
            {
                keys[i] = SortKey(_text.Array.AsSpan(entries[i].NameStart, entries[i].NameLength));
                order[_signedCount++] = i;
            }
        }

        order = order[.._signedCount];
        if (order.Length > InsertionSortLimit)
        {
            order.Sort(new EntryComparer(this));
            return;
        }

        // insertion sort on the keys, the names and values compared only when the keys are equal
        for (var i = 1; i < order.Length; i++)
        {
            var current = order[i];
            var currentKey = keys[current];
            var j = i;
            for (; j > 0; j--)
            {
                var previous = order[j - 1];
                if (keys[previous] < currentKey || (keys[previous] == currentKey && Compare(previous, current) <= 0))
                {
                    break;
                }

                order[j] = previous;
            }

            order[j] = current;
        }
    }

    /// <summary>The length of the normalized parameter string (after <see cref="Sort"/>).</summary>
    public int NormalizedLength()
    {
        var length = Math.Max(_signedCount - 1, 0);
        for (var i = 0; i < _signedCount; i++)
        {
            ref readonly var entry = ref _entries[_order[i]];
            length += entry.NameLength + 1 + entry.ValueLength;
        }

        return length;
    }

    /// <summary>Writes the normalized parameter string (after <see cref="Sort"/>).</summary>
    public int WriteNormalized(Span<char> destination)
    {
        var written = 0;
        for (var i = 0; i < _signedCount; i++)
        {
            if (i > 0)
            {
                destination[written++] = '&';
            }

            var index = _order[i];
            Name(index).CopyTo(destination[written..]);
            written += _entries[index].NameLength;
            destination[written++] = '=';
            Value(index).CopyTo(destination[written..]);
            written += _entries[index].ValueLength;
        }

        return written;
    }

    /// <summary>
    /// The first 8 characters of an (ASCII, NUL-free) encoded name as a big-endian number, zero-padded: comparing two
    /// keys orders the names as an ordinal comparison would, unless the keys are equal.
    /// </summary>
    private static ulong SortKey(ReadOnlySpan<char> name)
    {
        if (name.Length >= sizeof(ulong))
        {
            var chars = Vector128.Create(MemoryMarshal.Cast<char, ushort>(name)[..sizeof(ulong)]);
            return BinaryPrimitives.ReverseEndianness(Vector128.Narrow(chars, chars).AsUInt64().ToScalar());
        }

        var key = 0UL;
        for (var i = 0; i < sizeof(ulong); i++)
        {
            key = (key << 8) | (i < name.Length ? (byte)name[i] : 0UL);
        }

        return key;
    }

    private int Compare(int left, int right)
    {
        if (_sortKeys[left] != _sortKeys[right])
        {
            return _sortKeys[left] < _sortKeys[right] ? -1 : 1;
        }

        var byName = Name(left).SequenceCompareTo(Name(right));
        return byName != 0 ? byName : Value(left).SequenceCompareTo(Value(right));
    }

    /// <summary>Orders entry indexes as <see cref="Compare"/> does (for <see cref="MemoryExtensions.Sort{T, TComparer}(Span{T}, TComparer)"/>).</summary>
    private readonly struct EntryComparer(RequestParameters parameters) : IComparer<int>
    {
        public int Compare(int x, int y) => parameters.Compare(x, y);
    }
}
