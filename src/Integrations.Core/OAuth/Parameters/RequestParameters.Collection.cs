using System.Text;

namespace Integrations.OAuth.Parameters;

// Parameter collection (RFC 5849 §3.4.1.3.1): the request line, then the query and a form body, each parameter checked
// (encoding, UTF-8, count, duplicated oauth_* names, one place for the protocol parameters) and stored encoded.
internal sealed partial class RequestParameters
{
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
        if (!IsHttpToken(request.Method) || request.Url is null || !RequestUrl.TryParse(request.Url, out _url))
        {
            return OAuthProblems.RequestLineInvalid;
        }

        var problem = CollectHeader(request.Authorization);
        if (problem is null && !_url.Query.IsEmpty)
        {
            problem = CollectForm(_url.Query.Span, OAuthParameterSource.Query);
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
    public void UseUrl(in RequestUrl url) => _url = url;

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

    /// <summary>
    /// Adds a parameter given as sent; <paramref name="namePlain"/> and <paramref name="valuePlain"/> say that a part is
    /// known to hold unreserved characters only (stored as it is), <paramref name="kind"/> that the name was already
    /// recognized as a protocol parameter's.
    /// </summary>
    private OAuthProblem? Add(ReadOnlySpan<char> name, ReadOnlySpan<char> value, bool plusIsSpace, OAuthParameterSource source, bool namePlain = false, bool valuePlain = false, ProtocolParameter kind = ProtocolParameter.None)
    {
        var nameStart = _textLength;
        var appendedName = namePlain ? AppendCanonical(name, escapes: 0) : AppendEncoded(name, plusIsSpace);
        var appendedValue = appendedName.Length < 0 ? default : valuePlain ? AppendCanonical(value, escapes: 0) : AppendEncoded(value, plusIsSpace);
        if (appendedName.Length < 0 || appendedValue.Length < 0)
        {
            return OAuthProblems.ParameterEncodingInvalid(source == OAuthParameterSource.Query ? "query" : "Authorization header");
        }

        return Register(nameStart, appendedName, appendedValue, source, kind);
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
        }

        if (kind is not (ProtocolParameter.None or ProtocolParameter.Realm))
        {
            // an oauth_* parameter (recognized here or by the header reader): from one place only, of a bounded length
            if (ProtocolSource is { } first && first != source)
            {
                if (first == OAuthParameterSource.AuthorizationHeader && IsCopyOfHeaderParameter(kind, nameStart + appendedName.Length, appendedValue.Length))
                {
                    _textLength = nameStart; // dropped, as Magento drops it: not signed, not counted
                    return null;
                }

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
    /// Whether a protocol parameter of the query or body repeats one the <c>Authorization</c> header already gave, with
    /// the same value: Magento's own documented client (PHPoAuthLib) signs the verifier in the header and posts it
    /// again as the body of the access token call, and Magento reads the header alone. Any other value stays a
    /// request with its protocol parameters in several places.
    /// </summary>
    private bool IsCopyOfHeaderParameter(ProtocolParameter kind, int valueStart, int valueLength) =>
        kind != ProtocolParameter.OtherProtocol
        && _protocol[(int)kind] is var header and >= 0
        && Value(header).SequenceEqual(_text.Array.AsSpan(valueStart, valueLength));

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
            return AppendCanonical(raw, escapes);
        }

        var literal = AppendLiteral(PercentEncoding.EncodeLiteral(raw, plusIsSpace, EnsureText(PercentEncoding.MaxEncodedLength(raw.Length)).AsSpan(_textLength)), raw.Length);
        if (literal.Length >= 0)
        {
            return literal;
        }

        var decoded = EnsureScratch(PercentEncoding.MaxDecodedLength(raw.Length));
        var length = PercentEncoding.Decode(raw, plusIsSpace, decoded);
        return AppendDecoded(length);
    }

    /// <summary>Appends text already in canonical RFC encoding, with its number of escapes.</summary>
    private Appended AppendCanonical(ReadOnlySpan<char> canonical, int escapes)
    {
        canonical.CopyTo(EnsureText(canonical.Length).AsSpan(_textLength));
        _textLength += canonical.Length;
        return new Appended(canonical.Length, escapes);
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

        var literal = AppendLiteral(PercentEncoding.EncodeLiteral(raw, plusIsSpace: true, EnsureText(PercentEncoding.MaxEncodedLength(raw.Length)).AsSpan(_textLength)), raw.Length);
        if (literal.Length >= 0)
        {
            return literal;
        }

        var decoded = EnsureScratch(raw.Length);
        var length = PercentEncoding.Decode(raw, plusIsSpace: true, decoded);
        return AppendDecoded(length);
    }

    /// <summary>Takes what <see cref="PercentEncoding.EncodeLiteral{TUnit}"/> wrote at the end of the text (<paramref name="written"/> characters for <paramref name="rawLength"/> raw ones); its length is -1 if the text must be decoded first.</summary>
    private Appended AppendLiteral(int written, int rawLength)
    {
        if (written < 0)
        {
            return new Appended(-1, 0);
        }

        _textLength += written;
        return new Appended(written, (written - rawLength) / 2); // each escape is 3 characters for 1 byte
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

    /// <summary>
    /// The kind of an <c>oauth_*</c> name: told apart by length and one character, then confirmed by an ordinal
    /// comparison (cheaper than the hashed switch of a string <c>switch</c>, on every protocol parameter).
    /// </summary>
    private static ProtocolParameter Classify(ReadOnlySpan<char> name)
    {
        var (candidate, kind) = name.Length switch
        {
            11 => name[6] == 't' ? (OAuthParameterNames.Token, ProtocolParameter.Token) : (OAuthParameterNames.Nonce, ProtocolParameter.Nonce),
            13 => (OAuthParameterNames.Version, ProtocolParameter.Version),
            14 => name[6] == 'c' ? (OAuthParameterNames.Callback, ProtocolParameter.Callback) : (OAuthParameterNames.Verifier, ProtocolParameter.Verifier),
            15 => name[6] == 's' ? (OAuthParameterNames.Signature, ProtocolParameter.Signature) : (OAuthParameterNames.Timestamp, ProtocolParameter.Timestamp),
            18 => (OAuthParameterNames.ConsumerKey, ProtocolParameter.ConsumerKey),
            22 => (OAuthParameterNames.SignatureMethod, ProtocolParameter.SignatureMethod),
            _ => (null, ProtocolParameter.OtherProtocol),
        };
        return candidate is not null && name.SequenceEqual(candidate) ? kind : ProtocolParameter.OtherProtocol;
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

    /// <summary>Orders entry indexes by encoded name.</summary>
    private readonly struct NameComparer(RequestParameters parameters) : IComparer<int>
    {
        public int Compare(int x, int y) => parameters.Name(x).SequenceCompareTo(parameters.Name(y));
    }
}
