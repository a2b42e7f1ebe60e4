using System.Text;

namespace Integrations.OAuth.Parameters;

/// <summary>
/// The parameters of one request collected per RFC 5849 §3.4.1.3.1 and stored percent-encoded (§3.6) in one pooled
/// character buffer, with the positions of the protocol parameters. Reused across requests (see <see cref="Rent"/>),
/// so collecting, normalizing and writing the base string allocate nothing once warm.
/// </summary>
internal sealed partial class RequestParameters
{
    /// <summary>The longest accepted protocol parameter value, decoded (callbacks are URLs; everything else is short).</summary>
    public const int MaxProtocolValueLength = 2048;

    /// <summary>The longest accepted <c>Authorization</c> header.</summary>
    public const int MaxAuthorizationHeaderLength = 16 * 1024;

    /// <summary>The most parameters (header, query and form body together) the signer reads (the validator's limit is <see cref="OAuthOptions.MaxParameterCount"/>).</summary>
    public const int DefaultMaxParameterCount = 1000;

    private const int ProtocolSlots = (int)ProtocolParameter.Realm + 1;

    [ThreadStatic]
    private static RequestParameters? t_cached;

    private readonly int[] _protocol = new int[ProtocolSlots];
    private readonly ReusableBuffer<char> _text = new(1024);
    private int _textLength;
    private Entry[] _entries = new Entry[32];
    private int _count;
    private int[] _order = new int[32];
    private ulong[] _sortKeys = new ulong[32];
    private RequestUrl _url;
    private int _signedCount;
    private int _maxCount;
    private int _otherProtocolCount;
    private readonly ReusableBuffer<byte> _scratch = new(512);
    private readonly ReusableBuffer<byte> _baseString = new(2048);
    private readonly ReusableBuffer<char> _decoded = new(64);

    private RequestParameters()
    {
    }

    /// <summary>The number of collected parameters (including the unsigned ones).</summary>
    public int Count => _count;

    /// <summary>Where the protocol parameters were found, or <see langword="null"/>.</summary>
    public OAuthParameterSource? ProtocolSource { get; private set; }

    /// <summary>The URL the parameters were collected from (by reference: the struct is large, copies cost on the hot path).</summary>
    public ref readonly RequestUrl Url => ref _url;

    /// <summary>Takes an instance for one request (per-thread cache); give it back with <see cref="Return"/>.</summary>
    public static RequestParameters Rent()
    {
        var instance = t_cached ?? new RequestParameters();
        t_cached = null;
        instance.Reset();
        return instance;
    }

    /// <summary>Gives an instance back after use (buffers rented for a large request go back to the shared pool).</summary>
    public static void Return(RequestParameters instance)
    {
        instance.Reset();
        if (instance._entries.Length > 1024)
        {
            instance._entries = new Entry[32];
            instance._order = new int[32];
            instance._sortKeys = new ulong[32];
        }

        t_cached = instance;
    }

    /// <summary>Whether a protocol parameter was sent.</summary>
    public bool Has(ProtocolParameter parameter) => _protocol[(int)parameter] >= 0;

    /// <summary>The encoded value of a protocol parameter (empty if absent).</summary>
    public ReadOnlySpan<char> EncodedValue(ProtocolParameter parameter)
    {
        var index = _protocol[(int)parameter];
        return index < 0 ? default : Value(index);
    }

    /// <summary>The decoded value of a protocol parameter as a string (allocates).</summary>
    public string? DecodedValue(ProtocolParameter parameter)
    {
        var index = _protocol[(int)parameter];
        return index < 0 ? null : DecodeToString(Value(index));
    }

    /// <summary>
    /// The decoded value of a protocol parameter known to be printable ASCII (the nonce, once checked) without
    /// allocating: the stored text itself when it holds no escape, else decoded into a buffer of this instance. Valid
    /// until the instance is returned.
    /// </summary>
    public ReadOnlyMemory<char> DecodedAsciiValue(ProtocolParameter parameter)
    {
        var index = _protocol[(int)parameter];
        if (index < 0)
        {
            return default;
        }

        ref readonly var entry = ref _entries[index];
        if (entry.ValueEscapes == 0)
        {
            return _text.Array.AsMemory(entry.ValueStart, entry.ValueLength);
        }

        var bytes = EnsureScratch(entry.ValueLength);
        var length = DecodeStored(Value(index), bytes);
        var decoded = _decoded.Ensure(length);
        Ascii.ToUtf16(bytes[..length], decoded, out var written);
        return decoded.AsMemory(0, written);
    }

    /// <summary>Builds the public view of the collected parameters (allocates).</summary>
    public OAuthParameters ToParameters()
    {
        var signed = new List<KeyValuePair<string, string>>(_count);
        string? realm = null;
        string? signature = null;
        for (var i = 0; i < _count; i++)
        {
            var value = DecodeToString(Value(i));
            switch (_entries[i].Kind)
            {
                case ProtocolParameter.Realm:
                    realm = value;
                    break;
                case ProtocolParameter.Signature:
                    signature = value;
                    break;
                default:
                    signed.Add(new(DecodeToString(Name(i)), value));
                    break;
            }
        }

        return new OAuthParameters(signed, ProtocolSource, realm, signature);
    }

    /// <summary>Decodes one of the stored (encoded) values into bytes; the destination must hold its length.</summary>
    public static int DecodeStored(ReadOnlySpan<char> encoded, Span<byte> destination) =>
        PercentEncoding.DecodeCanonical(encoded, destination);

    private ReadOnlySpan<char> Name(int index) => _text.Array.AsSpan(_entries[index].NameStart, _entries[index].NameLength);

    private ReadOnlySpan<char> Value(int index) => _text.Array.AsSpan(_entries[index].ValueStart, _entries[index].ValueLength);

    private void Reset()
    {
        _text.Release();
        _scratch.Release();
        _baseString.Release();
        _decoded.Release();

        _textLength = 0;
        _count = 0;
        _signedCount = 0;
        _otherProtocolCount = 0;
        ProtocolSource = null;
        _url = default;
        _protocol.AsSpan().Fill(-1);
    }

    private char[] EnsureText(int additional) => _text.Ensure(_textLength + additional, _textLength);

    private Span<byte> EnsureScratch(int length) => _scratch.Ensure(length);

    private static string DecodeToString(ReadOnlySpan<char> encoded)
    {
        var bytes = encoded.Length <= 512 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        var length = DecodeStored(encoded, bytes);
        return Encoding.UTF8.GetString(bytes[..length]);
    }

    /// <summary>A collected parameter: where its encoded name and value are in the text, its kind, and how many <c>%XX</c> escapes they hold.</summary>
    private readonly record struct Entry(int NameStart, int NameLength, int ValueStart, int ValueLength, ProtocolParameter Kind, int NameEscapes, int ValueEscapes);

    /// <summary>What an append wrote: its length (-1 if the input was not valid encoded UTF-8) and how many escapes it holds.</summary>
    private readonly record struct Appended(int Length, int Escapes);
}
