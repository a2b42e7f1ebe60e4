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
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Kind is not (ProtocolParameter.Signature or ProtocolParameter.Realm))
            {
                _sortKeys[i] = SortKey(Name(i));
                _order[_signedCount++] = i;
            }
        }

        if (_signedCount > InsertionSortLimit)
        {
            _order.AsSpan(0, _signedCount).Sort(new EntryComparer(this));
            return;
        }

        for (var i = 1; i < _signedCount; i++)
        {
            var current = _order[i];
            var j = i;
            while (j > 0 && Compare(_order[j - 1], current) > 0)
            {
                _order[j] = _order[j - 1];
                j--;
            }

            _order[j] = current;
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
