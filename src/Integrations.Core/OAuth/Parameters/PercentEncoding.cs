using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace Integrations.OAuth.Parameters;

/// <summary>
/// RFC 5849 §3.6 percent-encoding over UTF-8 (only <c>A-Z a-z 0-9 - . _ ~</c> stay as they are; everything else
/// becomes <c>%XX</c> with upper-case hex) and the matching decoding, on spans and without allocating.
/// </summary>
internal static class PercentEncoding
{
    private const string UpperHex = "0123456789ABCDEF";
    private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    /// <summary>The unreserved set as characters.</summary>
    public static readonly SearchValues<char> UnreservedChars = SearchValues.Create(Unreserved);

    /// <summary>The unreserved set as bytes.</summary>
    public static readonly SearchValues<byte> UnreservedBytes = SearchValues.Create(Encoding.ASCII.GetBytes(Unreserved));

    /// <summary>Whether an ASCII byte or char is in the unreserved set.</summary>
    public static bool IsUnreserved(int c) =>
        (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - 'A') <= 'Z' - 'A' || (uint)(c - '0') <= 9 || c is '-' or '.' or '_' or '~';

    /// <summary>The most characters <see cref="Encode(ReadOnlySpan{byte}, Span{char})"/> writes for <paramref name="byteCount"/> bytes.</summary>
    public static int MaxEncodedLength(int byteCount) => checked(byteCount * 3);

    /// <summary>Percent-encodes UTF-8 bytes (runs of unreserved bytes are copied in bulk).</summary>
    /// <returns>The number of characters written.</returns>
    public static int Encode(ReadOnlySpan<byte> utf8, Span<char> destination)
    {
        var written = 0;
        while (!utf8.IsEmpty)
        {
            var run = utf8.IndexOfAnyExcept(UnreservedBytes);
            var copied = run < 0 ? utf8.Length : run;
            Ascii.ToUtf16(utf8[..copied], destination[written..], out _);
            written += copied;
            if (run < 0)
            {
                break;
            }

            var b = utf8[run];
            destination[written] = '%';
            destination[written + 1] = UpperHex[b >> 4];
            destination[written + 2] = UpperHex[b & 0xF];
            written += 3;
            utf8 = utf8[(run + 1)..];
        }

        return written;
    }

    /// <summary>Percent-encodes ASCII characters into ASCII bytes (used for the base string URI, which is short ASCII).</summary>
    /// <returns>The number of bytes written.</returns>
    public static int EncodeAscii(ReadOnlySpan<char> ascii, Span<byte> destination) => EncodeBlocks(ascii, destination, canonical: false);

    /// <summary>
    /// The RFC encoding of raw percent-encoded text (characters of a query, or bytes of a form body) that holds no
    /// escape and only ASCII (the usual value with <c>[</c>, <c>,</c> or <c>+</c>), in one pass: what decoding it and
    /// encoding the bytes back would write, with <paramref name="plusIsSpace"/> making <c>+</c> a space; runs of
    /// unreserved units are copied in bulk (compiled once per unit type). The destination must hold
    /// <see cref="MaxEncodedLength"/>.
    /// </summary>
    /// <returns>The number of characters written, or -1 if the text holds a <c>%</c> or a non-ASCII unit (decode it then).</returns>
    public static int EncodeLiteral<TUnit>(ReadOnlySpan<TUnit> raw, bool plusIsSpace, Span<char> destination)
        where TUnit : unmanaged, IBinaryInteger<TUnit>
    {
        var written = 0;
        while (true)
        {
            var run = typeof(TUnit) == typeof(char)
                ? MemoryMarshal.Cast<TUnit, char>(raw).IndexOfAnyExcept(UnreservedChars)
                : MemoryMarshal.Cast<TUnit, byte>(raw).IndexOfAnyExcept(UnreservedBytes);
            var copied = run < 0 ? raw.Length : run;
            if (typeof(TUnit) == typeof(char))
            {
                MemoryMarshal.Cast<TUnit, char>(raw[..copied]).CopyTo(destination[written..]);
            }
            else
            {
                Ascii.ToUtf16(MemoryMarshal.Cast<TUnit, byte>(raw[..copied]), destination[written..], out _);
            }

            written += copied;
            if (run < 0)
            {
                return written;
            }

            var c = int.CreateTruncating(raw[run]);
            if (c == '%' || c >= 0x80)
            {
                return -1;
            }

            c = c == '+' && plusIsSpace ? ' ' : c;
            destination[written] = '%';
            destination[written + 1] = UpperHex[c >> 4];
            destination[written + 2] = UpperHex[c & 0xF];
            written += 3;
            raw = raw[(run + 1)..];
        }
    }

    /// <summary>
    /// Percent-encodes text that is already in canonical RFC encoding (unreserved characters and <c>%XX</c>, so ASCII:
    /// <c>RequestParameters</c> keeps only what <see cref="CountCanonicalEscapes(ReadOnlySpan{char})"/> accepts, or what
    /// <see cref="Encode(ReadOnlySpan{byte}, Span{char})"/> wrote) into ASCII bytes: only <c>%</c> needs encoding (as <c>%25</c>).
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    public static int EncodeCanonical(ReadOnlySpan<char> canonical, Span<byte> destination) => EncodeBlocks(canonical, destination, canonical: true);

    /// <summary>
    /// Whether percent-encoded text is already canonical: only unreserved characters and <c>%XX</c> with upper-case
    /// hex standing for an ASCII byte outside the unreserved set (so it decodes to valid UTF-8 and encodes back to
    /// itself, and can be kept as sent).
    /// </summary>
    /// <returns>-1 if it is not canonical, else the number of <c>%XX</c> escapes.</returns>
    public static int CountCanonicalEscapes(ReadOnlySpan<char> text)
    {
        var escapes = 0;
        for (var next = text.IndexOfAnyExcept(UnreservedChars); next >= 0; next = text.IndexOfAnyExcept(UnreservedChars))
        {
            text = text[next..];
            if (text.Length < 3 || text[0] != '%' || !IsCanonicalEscape(text[1], text[2]))
            {
                return -1;
            }

            text = text[3..];
            escapes++;
        }

        return escapes;
    }

    /// <summary>The byte form of <see cref="CountCanonicalEscapes(ReadOnlySpan{char})"/> (a form body).</summary>
    /// <returns>-1 if it is not canonical, else the number of <c>%XX</c> escapes.</returns>
    public static int CountCanonicalEscapes(ReadOnlySpan<byte> text)
    {
        var escapes = 0;
        for (var next = text.IndexOfAnyExcept(UnreservedBytes); next >= 0; next = text.IndexOfAnyExcept(UnreservedBytes))
        {
            text = text[next..];
            if (text.Length < 3 || text[0] != '%' || !IsCanonicalEscape((char)text[1], (char)text[2]))
            {
                return -1;
            }

            text = text[3..];
            escapes++;
        }

        return escapes;
    }

    /// <summary>Percent-encodes a string's UTF-8 form (allocating; for the public, non-hot paths).</summary>
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var chars = new char[MaxEncodedLength(bytes.Length)];
        return new string(chars, 0, Encode(bytes, chars));
    }

    /// <summary>The most bytes decoding <paramref name="charCount"/> characters can produce.</summary>
    public static int MaxDecodedLength(int charCount) => checked(charCount * 3);

    /// <summary>
    /// Decodes percent-encoded text into bytes. Literal non-ASCII characters are taken as their UTF-8 bytes; with
    /// <paramref name="plusIsSpace"/> (form encoding) <c>+</c> becomes a space. Hex digits are accepted in either case.
    /// </summary>
    /// <returns>The number of bytes written, or -1 if a <c>%</c> is not followed by two hex digits or a surrogate is unpaired.</returns>
    public static int Decode(ReadOnlySpan<char> text, bool plusIsSpace, Span<byte> destination) => Decode<char>(text, plusIsSpace, destination);

    /// <summary>Decodes percent-encoded bytes (a form body) into bytes; see <see cref="Decode(ReadOnlySpan{char}, bool, Span{byte})"/>.</summary>
    /// <returns>The number of bytes written, or -1 if a <c>%</c> is not followed by two hex digits.</returns>
    public static int Decode(ReadOnlySpan<byte> text, bool plusIsSpace, Span<byte> destination) => Decode<byte>(text, plusIsSpace, destination);

    /// <summary>
    /// Decodes text expected in canonical RFC encoding (what <c>RequestParameters</c> stores: ASCII, escapes only as
    /// <c>%XX</c>) run by run: the characters between escapes are narrowed at once. Anything else is decoded as
    /// <see cref="Decode(ReadOnlySpan{char}, bool, Span{byte})"/> does (without <c>+</c> as a space), with the same result.
    /// </summary>
    /// <returns>The number of bytes written, or -1 if a <c>%</c> is not followed by two hex digits or a surrogate is unpaired.</returns>
    public static int DecodeCanonical(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var rest = text;
        var written = 0;
        while (true)
        {
            var escape = rest.IndexOf('%');
            var run = escape < 0 ? rest : rest[..escape];
            if (Ascii.FromUtf16(run, destination[written..], out var narrowed) != OperationStatus.Done)
            {
                return Decode(text, plusIsSpace: false, destination); // not ASCII: the general decoding
            }

            written += narrowed;
            if (escape < 0)
            {
                return written;
            }

            var hi = escape + 2 < rest.Length ? HexValue(rest[escape + 1]) : -1;
            var lo = escape + 2 < rest.Length ? HexValue(rest[escape + 2]) : -1;
            if ((hi | lo) < 0)
            {
                return -1;
            }

            destination[written++] = (byte)((hi << 4) | lo);
            rest = rest[(escape + 3)..];
        }
    }

    /// <summary>Whether decoded bytes are well-formed UTF-8.</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes);

    /// <summary>
    /// The decoding of characters or bytes, one loop for both (compiled once per unit type, so each has the code of a
    /// hand-written loop): a byte above ASCII is copied as it is, a character above ASCII is encoded to UTF-8.
    /// </summary>
    private static int Decode<TUnit>(ReadOnlySpan<TUnit> text, bool plusIsSpace, Span<byte> destination)
        where TUnit : unmanaged, IBinaryInteger<TUnit>
    {
        var written = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = int.CreateTruncating(text[i]);
            if (c == '%')
            {
                if (i + 2 >= text.Length)
                {
                    return -1;
                }

                var hi = HexValue(int.CreateTruncating(text[i + 1]));
                var lo = HexValue(int.CreateTruncating(text[i + 2]));
                if ((hi | lo) < 0)
                {
                    return -1;
                }

                destination[written++] = (byte)((hi << 4) | lo);
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                destination[written++] = (byte)' ';
            }
            else if (c < 0x80 || typeof(TUnit) == typeof(byte))
            {
                destination[written++] = (byte)c;
            }
            else
            {
                if (Rune.DecodeFromUtf16(MemoryMarshal.Cast<TUnit, char>(text[i..]), out var rune, out var consumed) != OperationStatus.Done)
                {
                    return -1;
                }

                written += rune.EncodeToUtf8(destination[written..]);
                i += consumed - 1;
            }
        }

        return written;
    }

    /// <summary>
    /// Writes ASCII text as ASCII bytes, escaping as <c>%XX</c> every <c>%</c> (<paramref name="canonical"/>: text
    /// already percent-encoded, encoded once more) or every character outside the unreserved set (plain text), eight
    /// characters at a time: a block without such a character is narrowed and stored at once. The destination holds
    /// the whole result, so a block's eight bytes always fit.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    private static int EncodeBlocks(ReadOnlySpan<char> text, Span<byte> destination, bool canonical)
    {
        var units = MemoryMarshal.Cast<char, ushort>(text);
        var written = 0;
        var i = 0;
        while (i + Vector128<ushort>.Count <= units.Length)
        {
            var block = Vector128.Create(units.Slice(i, Vector128<ushort>.Count));
            var escaped = canonical ? Vector128.Equals(block, Vector128.Create((ushort)'%')) : ~UnreservedMask(block);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], Vector128.Narrow(block, block).AsUInt64().ToScalar());
            var bits = escaped.ExtractMostSignificantBits();
            if (bits == 0)
            {
                written += Vector128<ushort>.Count;
                i += Vector128<ushort>.Count;
                continue;
            }

            var plain = BitOperations.TrailingZeroCount(bits);
            written += plain;
            i += plain;
            written += WriteEscape(units[i++], destination[written..]);
        }

        for (; i < units.Length; i++)
        {
            var c = units[i];
            if (canonical ? c != '%' : IsUnreserved(c))
            {
                destination[written++] = (byte)c;
            }
            else
            {
                written += WriteEscape(c, destination[written..]);
            }
        }

        return written;
    }

    /// <summary>How many characters past the text <see cref="EncodePadded"/> may read, and bytes past the result it may write.</summary>
    public const int BlockPadding = 16;

    /// <summary>
    /// <see cref="EncodeCanonical"/> (<paramref name="canonical"/>) or <see cref="EncodeAscii"/> of the first
    /// <paramref name="length"/> characters of <paramref name="padded"/>, a block at a time (sixteen characters, or
    /// eight without 256-bit vectors) to the end with no scalar tail: the last block reads up to
    /// <see cref="BlockPadding"/> - 1 characters past the text (they are ignored: <paramref name="padded"/> must hold
    /// them, whatever they are) and stores up to <see cref="BlockPadding"/> bytes past the result
    /// (<paramref name="destination"/> must have that room; what is written there is no part of the result and is
    /// overwritten by the next write or left past its end).
    /// </summary>
    /// <returns>The number of bytes of the result.</returns>
    public static int EncodePadded(ReadOnlySpan<char> padded, int length, Span<byte> destination, bool canonical)
    {
        var units = MemoryMarshal.Cast<char, ushort>(padded);
        var written = 0;
        var i = 0;
        while (i < length)
        {
            uint bits;
            int size;
            if (Vector256.IsHardwareAccelerated)
            {
                var block = Vector256.Create(units.Slice(i, Vector256<ushort>.Count));
                var escaped = canonical ? Vector256.Equals(block, Vector256.Create((ushort)'%')) : ~UnreservedMask(block);
                Vector256.Narrow(block, block).GetLower().CopyTo(destination[written..]);
                bits = escaped.ExtractMostSignificantBits();
                size = Vector256<ushort>.Count;
            }
            else
            {
                var block = Vector128.Create(units.Slice(i, Vector128<ushort>.Count));
                var escaped = canonical ? Vector128.Equals(block, Vector128.Create((ushort)'%')) : ~UnreservedMask(block);
                BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], Vector128.Narrow(block, block).AsUInt64().ToScalar());
                bits = escaped.ExtractMostSignificantBits();
                size = Vector128<ushort>.Count;
            }

            var remaining = length - i;
            if (remaining < size)
            {
                bits &= (1u << remaining) - 1; // lanes past the text
            }

            if (bits == 0)
            {
                var plain = Math.Min(remaining, size);
                written += plain;
                i += plain;
                continue;
            }

            var before = BitOperations.TrailingZeroCount(bits);
            written += before;
            i += before;
            written += WriteEscape(units[i++], destination[written..]);
        }

        return written;
    }

    /// <summary>
    /// Narrows the first <paramref name="length"/> characters of <paramref name="padded"/> (ASCII holding no <c>%</c>:
    /// <see cref="EncodePadded"/> of such text in canonical mode) a block at a time, with the same room past the text
    /// and the result as <see cref="EncodePadded"/>.
    /// </summary>
    /// <returns>The number of bytes of the result (<paramref name="length"/>).</returns>
    public static int NarrowPadded(ReadOnlySpan<char> padded, int length, Span<byte> destination)
    {
        var units = MemoryMarshal.Cast<char, ushort>(padded);
        if (Vector256.IsHardwareAccelerated)
        {
            for (var i = 0; i < length; i += Vector256<ushort>.Count)
            {
                var block = Vector256.Create(units.Slice(i, Vector256<ushort>.Count));
                Vector256.Narrow(block, block).GetLower().CopyTo(destination[i..]);
            }
        }
        else
        {
            for (var i = 0; i < length; i += Vector128<ushort>.Count)
            {
                var block = Vector128.Create(units.Slice(i, Vector128<ushort>.Count));
                BinaryPrimitives.WriteUInt64LittleEndian(destination[i..], Vector128.Narrow(block, block).AsUInt64().ToScalar());
            }
        }

        return length;
    }

    /// <summary>Which of sixteen characters are unreserved (all bits set), as <see cref="IsUnreserved"/> says.</summary>
    private static Vector256<ushort> UnreservedMask(Vector256<ushort> block)
    {
        var letter = Vector256.LessThan((block | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26));
        var digit = Vector256.LessThan(block - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10));
        var mark = Vector256.Equals(block, Vector256.Create((ushort)'-')) | Vector256.Equals(block, Vector256.Create((ushort)'.'))
            | Vector256.Equals(block, Vector256.Create((ushort)'_')) | Vector256.Equals(block, Vector256.Create((ushort)'~'));
        return letter | digit | mark;
    }

    /// <summary>Which of eight characters are unreserved (all bits set), as <see cref="IsUnreserved"/> says.</summary>
    private static Vector128<ushort> UnreservedMask(Vector128<ushort> block)
    {
        var letter = Vector128.LessThan((block | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));
        var digit = Vector128.LessThan(block - Vector128.Create((ushort)'0'), Vector128.Create((ushort)10));
        var mark = Vector128.Equals(block, Vector128.Create((ushort)'-')) | Vector128.Equals(block, Vector128.Create((ushort)'.'))
            | Vector128.Equals(block, Vector128.Create((ushort)'_')) | Vector128.Equals(block, Vector128.Create((ushort)'~'));
        return letter | digit | mark;
    }

    /// <summary>Writes <c>%XX</c> (upper-case hex) for an ASCII character.</summary>
    private static int WriteEscape(int c, Span<byte> destination)
    {
        destination[2] = (byte)UpperHex[c & 0xF];
        destination[1] = (byte)UpperHex[(c >> 4) & 0xF];
        destination[0] = (byte)'%';
        return 3;
    }

    private static bool IsCanonicalEscape(char hi, char lo)
    {
        var high = UpperHexValue(hi);
        var low = UpperHexValue(lo);
        return high is >= 0 and < 8 && low >= 0 && !IsUnreserved((high << 4) | low);
    }

    private static int UpperHexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
