using System.Buffers;
using System.Text;

namespace Integrations.OAuth.Parameters;

// The signature base string (RFC 5849 §3.4.1.1), written as ASCII bytes from the sorted parameters.
internal sealed partial class RequestParameters
{
    /// <summary>
    /// Writes the signature base string (§3.4.1.1) as ASCII bytes: upper-case method, <c>&amp;</c>, the encoded base
    /// URI, <c>&amp;</c>, the encoded normalized parameters (after <see cref="Sort"/>).
    /// </summary>
    public int WriteBaseString(string method, Span<byte> destination)
    {
        Ascii.ToUpper(method, destination, out var written);
        destination[written++] = (byte)'&';
        var uriLength = Url.MaxBaseUriLength;
        var rented = uriLength > 512 ? ArrayPool<char>.Shared.Rent(uriLength) : null;
        var uri = rented ?? stackalloc char[uriLength];
        uriLength = Url.WriteBaseUri(uri);
        written += PercentEncoding.EncodeAscii(uri[..uriLength], destination[written..]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        destination[written++] = (byte)'&';
        for (var i = 0; i < _signedCount; i++)
        {
            if (i > 0)
            {
                written += WriteAscii("%26"u8, destination[written..]);
            }

            var index = _order[i];
            written += PercentEncoding.EncodeCanonical(Name(index), destination[written..]);
            written += WriteAscii("%3D"u8, destination[written..]);
            written += PercentEncoding.EncodeCanonical(Value(index), destination[written..]);
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
    /// parameters, whose escapes are counted, and at most three bytes per character of the URI.
    /// </summary>
    public int MaxBaseStringLength(string method)
    {
        var length = (long)method.Length + 2 + (3L * Url.MaxBaseUriLength) + (3L * Math.Max(_signedCount - 1, 0));
        for (var i = 0; i < _signedCount; i++)
        {
            ref readonly var entry = ref _entries[_order[i]];
            length += entry.NameLength + (2L * entry.NameEscapes) + 3 + entry.ValueLength + (2L * entry.ValueEscapes);
        }

        return checked((int)length);
    }

    private static int WriteAscii(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
