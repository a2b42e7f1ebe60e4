using System.Buffers;
using System.Text;

namespace Integrations.OAuth.Parameters;

// The signature base string (RFC 5849 §3.4.1.1), written as ASCII bytes from the sorted parameters.
internal sealed partial class RequestParameters
{
    /// <summary>
    /// Writes the signature base string (§3.4.1.1) as ASCII bytes: upper-case method, <c>&amp;</c>, the encoded base
    /// URI, <c>&amp;</c>, the encoded normalized parameters (after <see cref="Sort"/>). The destination must hold
    /// <see cref="MaxBaseStringLength"/> bytes: the parts are encoded eight characters at a time, and the last block
    /// of each may store a few bytes past the part (overwritten by the next one, or past the result).
    /// </summary>
    public int WriteBaseString(string method, Span<byte> destination)
    {
        Ascii.ToUpper(method, destination, out var written);
        destination[written++] = (byte)'&';
        var uriLength = Url.MaxBaseUriLength + PercentEncoding.BlockPadding;
        var rented = uriLength > 512 ? ArrayPool<char>.Shared.Rent(uriLength) : null;
        var uri = rented ?? stackalloc char[uriLength];
        uriLength = Url.WriteBaseUri(uri);
        written += PercentEncoding.EncodePadded(uri, uriLength, destination[written..], canonical: false);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        destination[written++] = (byte)'&';

        // names and values are read in blocks that may run past their end: the text has room for that
        var text = _text.Ensure(_textLength + PercentEncoding.BlockPadding, _textLength);
        for (var i = 0; i < _signedCount; i++)
        {
            if (i > 0)
            {
                written += WriteEscape((byte)'2', (byte)'6', destination[written..]);
            }

            ref readonly var entry = ref _entries[_order[i]];
            written += EncodeStored(text.AsSpan(entry.NameStart), entry.NameLength, entry.NameEscapes, destination[written..]);
            written += WriteEscape((byte)'3', (byte)'D', destination[written..]);
            written += EncodeStored(text.AsSpan(entry.ValueStart), entry.ValueLength, entry.ValueEscapes, destination[written..]);
        }

        return written;
    }

    /// <summary>Writes the signature base string (after <see cref="Sort"/>) into a buffer of this instance, valid until the instance is returned.</summary>
    public ReadOnlySpan<byte> WriteBaseString(string method)
    {
        var buffer = _baseString.Ensure(MaxBaseStringLength(method));
        return buffer.AsSpan(0, WriteBaseString(method, buffer));
    }

    /// <summary>
    /// The most bytes <see cref="WriteBaseString(string, Span{byte})"/> writes (after <see cref="Sort"/>): exact for the
    /// parameters, whose escapes are counted, and at most three bytes per character of the URI, plus
    /// <see cref="PercentEncoding.BlockPadding"/> bytes of room for the last block's store.
    /// </summary>
    public int MaxBaseStringLength(string method)
    {
        var length = (long)method.Length + 2 + (3L * Url.MaxBaseUriLength) + (3L * Math.Max(_signedCount - 1, 0)) + PercentEncoding.BlockPadding;
        for (var i = 0; i < _signedCount; i++)
        {
            ref readonly var entry = ref _entries[_order[i]];
            length += entry.NameLength + (2L * entry.NameEscapes) + 3 + entry.ValueLength + (2L * entry.ValueEscapes);
        }

        return checked((int)length);
    }

    /// <summary>Encodes a stored name or value (padded, as <see cref="PercentEncoding.EncodePadded"/> reads it): narrowed at once when it holds no escape, the usual case.</summary>
    private static int EncodeStored(ReadOnlySpan<char> padded, int length, int escapes, Span<byte> destination) =>
        escapes == 0
            ? PercentEncoding.NarrowPadded(padded, length, destination)
            : PercentEncoding.EncodePadded(padded, length, destination, canonical: true);

    /// <summary>Writes an escape (<c>%26</c>, <c>%3D</c>) byte by byte: cheaper than a copy call for three bytes.</summary>
    private static int WriteEscape(byte high, byte low, Span<byte> destination)
    {
        destination[2] = low;
        destination[1] = high;
        destination[0] = (byte)'%';
        return 3;
    }
}
