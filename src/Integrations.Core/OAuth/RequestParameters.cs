using System.Buffers;
using System.Text;

namespace Integrations.OAuth;

/// <summary>
/// The parameters of one request collected per RFC 5849 §3.4.1.3.1 and stored percent-encoded (§3.6) in one pooled
/// character buffer, with the positions of the protocol parameters. Reused across requests (see <see cref="Rent"/>),
/// so collecting, normalizing and writing the base string allocate nothing once warm.
/// </summary>
internal sealed class RequestParameters
{
    /// <summary>The longest accepted protocol parameter value, decoded (callbacks are URLs; everything else is short).</summary>
    public const int MaxProtocolValueLength = 2048;

    /// <summary>The longest accepted <c>Authorization</c> header.</summary>
    public const int MaxAuthorizationHeaderLength = 16 * 1024;

    /// <summary>The most parameters (header, query and form body together) the signer reads (the validator's limit is <see cref="OAuthOptions.MaxParameterCount"/>).</summary>
    public const int DefaultMaxParameterCount = 1000;

    /// <summary>Up to this many signed parameters are sorted by insertion (no allocation, fastest for usual requests); more by introsort.</summary>
    private const int InsertionSortLimit = 32;

    private const int ProtocolSlots = (int)ProtocolParameter.Realm + 1;


    private static readonly SearchValues<char> HeaderNameStops = SearchValues.Create(" \t\r\n,\"=");

    [ThreadStatic]
    private static RequestParameters? t_cached;

    private readonly int[] _protocol = new int[ProtocolSlots];
    private readonly ReusableBuffer<char> _text = new(1024);
    private int _textLength;
    private Entry[] _entries = new Entry[32];
    private int _count;
    private int[] _order = new int[32];
    private ulong[] _sortKeys = new ulong[32];
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

    /// <summary>The URL the parameters were collected from.</summary>
    public RequestUrl Url { get; private set; }

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

    /// <summary>
    /// Collects the parameters of a request: the <c>OAuth</c> header (percent-decoded only; <c>realm</c> kept apart), the
    /// query and a form body (<c>+</c> is a space), checking the encoding, duplicates of <c>oauth_*</c> names and that
    /// the protocol parameters come from one place.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="maxParameterCount">The most parameters accepted; more is <see cref="OAuthProblemReason.TooManyParameters"/>.</param>
    /// <returns><see langword="null"/>, or the problem that stops the request.</returns>
    public OAuthProblem? Collect(in OAuthWireRequest request, int maxParameterCount = DefaultMaxParameterCount)
    {
        _maxCount = maxParameterCount;
        if (!IsHttpToken(request.Method) || request.Url is null || !RequestUrl.TryParse(request.Url, out var url))
        {
            return OAuthProblems.RequestLineInvalid;
        }

        Url = url;
        var problem = CollectHeader(request.Authorization);
        if (problem is null && !url.Query.IsEmpty)
        {
            problem = CollectForm(url.Query.Span, OAuthParameterSource.Query);
        }

        if (problem is null && OAuthWireRequest.IsFormContentType(request.ContentType) && !request.Body.IsEmpty)
        {
            problem = CollectForm(request.Body.Span);
        }

        return problem ?? FindDuplicatedOtherProtocol();
    }

    /// <summary>
    /// Adds a protocol parameter of an outgoing request as if it came in its <c>Authorization</c> header, given its
    /// value as text (stored percent-encoded per RFC 5849 §3.6): the signer's way of building what it signs without
    /// writing a header and parsing it back.
    /// </summary>
    /// <returns><see langword="null"/>, or the problem (the parameter is already present, or in the query or body).</returns>
    public OAuthProblem? AddProtocolParameter(string name, ReadOnlySpan<char> value)
    {
        var nameStart = _textLength;
        name.CopyTo(EnsureText(name.Length).AsSpan(_textLength));
        _textLength += name.Length;
        var utf8 = EnsureScratch(Encoding.UTF8.GetMaxByteCount(value.Length));
        return Register(nameStart, new Appended(name.Length, 0), AppendDecoded(Encoding.UTF8.GetBytes(value, utf8)), OAuthParameterSource.AuthorizationHeader);
    }

    /// <summary>Replaces the URL whose origin signs the request (for requests behind a proxy).</summary>
    public void UseUrl(RequestUrl url) => Url = url;

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
                written += WriteAscii("%26", destination[written..]);
            }

            var index = _order[i];
            ref readonly var entry = ref _entries[index];
            written += PercentEncoding.EncodeCanonical(Name(index), entry.NameEscapes > 0, destination[written..]);
            written += WriteAscii("%3D", destination[written..]);
            written += PercentEncoding.EncodeCanonical(Value(index), entry.ValueEscapes > 0, destination[written..]);
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
        PercentEncoding.Decode(encoded, plusIsSpace: false, destination);

    private ReadOnlySpan<char> Name(int index) => _text.Array.AsSpan(_entries[index].NameStart, _entries[index].NameLength);

    private ReadOnlySpan<char> Value(int index) => _text.Array.AsSpan(_entries[index].ValueStart, _entries[index].ValueLength);

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
        Url = default;
        _protocol.AsSpan().Fill(-1);
    }

    private OAuthProblem? CollectHeader(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var span = header.AsSpan().Trim();
        if (span.Length < 5 || !span[..5].Equals("OAuth", StringComparison.OrdinalIgnoreCase)
            || (span.Length > 5 && !IsWhitespace(span[5])))
        {
            return null; // another scheme: no OAuth parameters in the header
        }

        if (header.Length > MaxAuthorizationHeaderLength)
        {
            return OAuthProblems.AuthorizationHeaderMalformed;
        }

        // auth-param *( "," auth-param ) with quoted values, in one pass: name, optional blanks, "=", optional
        // blanks, a quoted value, optional white space, then "," or the end
        var i = 5;
        while (true)
        {
            i = Skip(span, i, " \t\r\n");
            if (i == span.Length)
            {
                return null;
            }

            var nameStart = i;
            var nameLength = span[i..].IndexOfAny(HeaderNameStops);
            i = nameLength < 0 ? span.Length : i + nameLength;
            var name = span[nameStart..i];
            i = Skip(span, i, " \t");
            if (name.IsEmpty || i == span.Length || span[i] != '=')
            {
                return OAuthProblems.AuthorizationHeaderMalformed;
            }

            // realm is an RFC 2617 quoted-string (escapes allowed, never percent-encoded); the others are percent-encoded
            var isRealm = name.Equals(OAuthParameterNames.Realm, StringComparison.OrdinalIgnoreCase);
            i = Skip(span, i + 1, " \t");
            var close = i < span.Length && span[i] == '"' ? ClosingQuote(span[(i + 1)..], isRealm) : -1;
            if (close < 0)
            {
                return OAuthProblems.AuthorizationHeaderMalformed;
            }

            var value = span.Slice(i + 1, close);
            i = Skip(span, i + close + 2, " \t\r\n");
            if (i < span.Length)
            {
                if (span[i] != ',')
                {
                    return OAuthProblems.AuthorizationHeaderMalformed;
                }

                i++;
            }

            var problem = isRealm ? AddRealm(name, value) : Add(name, value, plusIsSpace: false, OAuthParameterSource.AuthorizationHeader);
            if (problem is not null)
            {
                return problem;
            }
        }
    }

    /// <summary>Where the closing quote of a quoted value is, or -1; with <paramref name="quotedPairs"/>, <c>\x</c> escapes a character.</summary>
    private static int ClosingQuote(ReadOnlySpan<char> text, bool quotedPairs)
    {
        if (!quotedPairs)
        {
            return text.IndexOf('"');
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                return i;
            }

            if (text[i] == '\\')
            {
                i++;
            }
        }

        return -1;
    }

    /// <summary>Keeps the realm (never signed) as the text it stands for: quoted-pair escapes removed, no percent-decoding.</summary>
    private OAuthProblem? AddRealm(ReadOnlySpan<char> name, ReadOnlySpan<char> quoted)
    {
        var nameStart = _textLength;
        name.CopyTo(EnsureText(name.Length).AsSpan(_textLength));
        _textLength += name.Length;
        Span<char> text = quoted.Length <= 256 ? stackalloc char[quoted.Length] : new char[quoted.Length];
        var length = 0;
        for (var i = 0; i < quoted.Length; i++)
        {
            text[length++] = quoted[i] == '\\' && i + 1 < quoted.Length ? quoted[++i] : quoted[i];
        }

        var utf8 = EnsureScratch(Encoding.UTF8.GetMaxByteCount(length));
        var value = AppendDecoded(Encoding.UTF8.GetBytes(text[..length], utf8));
        return value.Length < 0
            ? OAuthProblems.AuthorizationHeaderMalformed
            : Register(nameStart, new Appended(name.Length, 0), value, OAuthParameterSource.AuthorizationHeader, ProtocolParameter.Realm);
    }

    /// <summary>The index of the first character at or after <paramref name="start"/> that is not one of <paramref name="blanks"/>.</summary>
    private static int Skip(ReadOnlySpan<char> span, int start, ReadOnlySpan<char> blanks)
    {
        while (start < span.Length && blanks.Contains(span[start]))
        {
            start++;
        }

        return start;
    }

    private OAuthProblem? CollectForm(ReadOnlySpan<char> form, OAuthParameterSource source)
    {
        foreach (var range in form.Split('&'))
        {
            var pair = form[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var problem = equals < 0
                ? Add(pair, default, plusIsSpace: true, source)
                : Add(pair[..equals], pair[(equals + 1)..], plusIsSpace: true, source);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private OAuthProblem? CollectForm(ReadOnlySpan<byte> form)
    {
        foreach (var range in form.Split((byte)'&'))
        {
            var pair = form[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var nameStart = _textLength;
            var name = AppendEncoded(equals < 0 ? pair : pair[..equals]);
            var value = name.Length < 0 ? default : AppendEncoded(equals < 0 ? default : pair[(equals + 1)..]);
            if (name.Length < 0 || value.Length < 0)
            {
                return OAuthProblems.ParameterEncodingInvalid("body");
            }

            var problem = Register(nameStart, name, value, OAuthParameterSource.Body);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private OAuthProblem? Add(ReadOnlySpan<char> name, ReadOnlySpan<char> value, bool plusIsSpace, OAuthParameterSource source)
    {
        var nameStart = _textLength;
        var appendedName = AppendEncoded(name, plusIsSpace);
        var appendedValue = appendedName.Length < 0 ? default : AppendEncoded(value, plusIsSpace);
        if (appendedName.Length < 0 || appendedValue.Length < 0)
        {
            return OAuthProblems.ParameterEncodingInvalid(source == OAuthParameterSource.Query ? "query" : "Authorization header");
        }

        return Register(nameStart, appendedName, appendedValue, source);
    }

    private OAuthProblem? Register(int nameStart, Appended appendedName, Appended appendedValue, OAuthParameterSource source, ProtocolParameter kind = ProtocolParameter.None)
    {
        if (_count == _maxCount)
        {
            return OAuthProblems.TooManyParameters(_maxCount);
        }

        var name = _text.Array.AsSpan(nameStart, appendedName.Length);
        if (kind == ProtocolParameter.None && name.StartsWith(OAuthParameterNames.Prefix, StringComparison.Ordinal))
        {
            kind = Classify(name);
            if (ProtocolSource is { } first && first != source)
            {
                return OAuthProblems.ParametersInSeveralPlaces;
            }

            ProtocolSource = source;
            if (appendedValue.Length > 3 * MaxProtocolValueLength)
            {
                return OAuthProblems.ParameterTooLong(name.ToString());
            }
        }

        if (kind != ProtocolParameter.None)
        {
            if (kind == ProtocolParameter.OtherProtocol)
            {
                _otherProtocolCount++; // checked for duplicates once all are collected (FindDuplicatedOtherProtocol)
            }
            else if (_protocol[(int)kind] >= 0)
            {
                return OAuthProblems.ParameterDuplicated(name.ToString());
            }
            else
            {
                _protocol[(int)kind] = _count;
            }
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
            _order = new int[_entries.Length];
            _sortKeys = new ulong[_entries.Length];
        }

        _entries[_count++] = new Entry(nameStart, appendedName.Length, nameStart + appendedName.Length, appendedValue.Length, kind, appendedName.Escapes, appendedValue.Escapes);
        return null;
    }

    /// <summary>
    /// The problem of an <c>oauth_*</c> name outside RFC 5849's set (an extension's) sent twice, or <see langword="null"/>:
    /// those names are sorted (in the sort buffer, free until <see cref="Sort"/>) and neighbours compared, so a request
    /// full of them costs n log n, not n².
    /// </summary>
    private OAuthProblem? FindDuplicatedOtherProtocol()
    {
        if (_otherProtocolCount < 2)
        {
            return null;
        }

        var others = _order.AsSpan(0, _otherProtocolCount);
        for (int i = 0, found = 0; i < _count; i++)
        {
            if (_entries[i].Kind == ProtocolParameter.OtherProtocol)
            {
                others[found++] = i;
            }
        }

        others.Sort(new NameComparer(this));
        for (var i = 1; i < others.Length; i++)
        {
            if (Name(others[i - 1]).SequenceEqual(Name(others[i])))
            {
                return OAuthProblems.ParameterDuplicated(Name(others[i]).ToString());
            }
        }

        return null;
    }

    /// <summary>Appends the RFC encoding of percent-encoded text; its length is -1 if it is not valid encoded UTF-8.</summary>
    private Appended AppendEncoded(ReadOnlySpan<char> raw, bool plusIsSpace)
    {
        var escapes = PercentEncoding.CountCanonicalEscapes(raw);
        if (escapes >= 0)
        {
            raw.CopyTo(EnsureText(raw.Length).AsSpan(_textLength));
            _textLength += raw.Length;
            return new Appended(raw.Length, escapes);
        }

        var decoded = EnsureScratch(PercentEncoding.MaxDecodedLength(raw.Length));
        var length = PercentEncoding.Decode(raw, plusIsSpace, decoded);
        return AppendDecoded(length);
    }

    private Appended AppendEncoded(ReadOnlySpan<byte> raw)
    {
        var escapes = PercentEncoding.CountCanonicalEscapes(raw);
        if (escapes >= 0)
        {
            Ascii.ToUtf16(raw, EnsureText(raw.Length).AsSpan(_textLength), out _);
            _textLength += raw.Length;
            return new Appended(raw.Length, escapes);
        }

        var decoded = EnsureScratch(raw.Length);
        var length = PercentEncoding.Decode(raw, plusIsSpace: true, decoded);
        return AppendDecoded(length);
    }

    private Appended AppendDecoded(int decodedLength)
    {
        if (decodedLength < 0 || !PercentEncoding.IsValidUtf8(_scratch.Array.AsSpan(0, decodedLength)))
        {
            return new Appended(-1, 0);
        }

        var text = EnsureText(PercentEncoding.MaxEncodedLength(decodedLength));
        var written = PercentEncoding.Encode(_scratch.Array.AsSpan(0, decodedLength), text.AsSpan(_textLength));
        _textLength += written;
        return new Appended(written, (written - decodedLength) / 2); // each escape is 3 characters for 1 byte
    }

    private char[] EnsureText(int additional) => _text.Ensure(_textLength + additional, _textLength);

    private Span<byte> EnsureScratch(int length) => _scratch.Ensure(length);

    private static ProtocolParameter Classify(ReadOnlySpan<char> name) => name switch
    {
        OAuthParameterNames.ConsumerKey => ProtocolParameter.ConsumerKey,
        OAuthParameterNames.Token => ProtocolParameter.Token,
        OAuthParameterNames.SignatureMethod => ProtocolParameter.SignatureMethod,
        OAuthParameterNames.Signature => ProtocolParameter.Signature,
        OAuthParameterNames.Timestamp => ProtocolParameter.Timestamp,
        OAuthParameterNames.Nonce => ProtocolParameter.Nonce,
        OAuthParameterNames.Version => ProtocolParameter.Version,
        OAuthParameterNames.Callback => ProtocolParameter.Callback,
        OAuthParameterNames.Verifier => ProtocolParameter.Verifier,
        _ => ProtocolParameter.OtherProtocol,
    };

    private static string DecodeToString(ReadOnlySpan<char> encoded)
    {
        var bytes = encoded.Length <= 512 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        var length = DecodeStored(encoded, bytes);
        return Encoding.UTF8.GetString(bytes[..length]);
    }

    private static bool IsHttpToken(string? method)
    {
        if (string.IsNullOrEmpty(method) || method.Length > 32)
        {
            return false;
        }

        foreach (var c in method)
        {
            if (!char.IsAsciiLetter(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static int WriteAscii(string text, Span<byte> destination)
    {
        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = (byte)text[i];
        }

        return text.Length;
    }

    /// <summary>Orders entry indexes as <see cref="Compare"/> does (for <see cref="MemoryExtensions.Sort{T, TComparer}(Span{T}, TComparer)"/>).</summary>
    private readonly struct EntryComparer(RequestParameters parameters) : IComparer<int>
    {
        public int Compare(int x, int y) => parameters.Compare(x, y);
    }

    /// <summary>Orders entry indexes by encoded name.</summary>
    private readonly struct NameComparer(RequestParameters parameters) : IComparer<int>
    {
        public int Compare(int x, int y) => parameters.Name(x).SequenceCompareTo(parameters.Name(y));
    }

    /// <summary>A collected parameter: where its encoded name and value are in the text, its kind, and how many <c>%XX</c> escapes they hold.</summary>
    private readonly record struct Entry(int NameStart, int NameLength, int ValueStart, int ValueLength, ProtocolParameter Kind, int NameEscapes, int ValueEscapes);

    /// <summary>What an append wrote: its length (-1 if the input was not valid encoded UTF-8) and how many escapes it holds.</summary>
    private readonly record struct Appended(int Length, int Escapes);
}
