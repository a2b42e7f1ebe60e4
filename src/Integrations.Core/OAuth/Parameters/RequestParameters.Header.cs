using System.Buffers;
using System.Text;

namespace Integrations.OAuth.Parameters;

// Header reading (RFC 5849 §3.5.1): the auth-params of an OAuth Authorization header in one pass, the realm kept apart.
internal sealed partial class RequestParameters
{
    private static readonly SearchValues<char> HeaderNameStops = SearchValues.Create(" \t\r\n,\"=");

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
        // blanks, a quoted value, optional white space, then "," or the end; empty elements between commas are skipped
        var i = 5;
        while (true)
        {
            i = Skip(span, i, newLines: true);
            while (i < span.Length && span[i] == ',')
            {
                i = Skip(span, i + 1, newLines: true); // an empty list element, which RFC 9110 §5.6.1.2 says to ignore
            }

            if (i == span.Length)
            {
                return null;
            }

            // the usual name is a protocol parameter's up to "=": found by that "=" and recognized (so it is plain, and
            // its kind known); any other is unreserved characters up to "=", one scan finding its end and that it
            // needs no encoding, or else delimited by the first character that ends a name
            var nameStart = i;
            var nameLength = span[i..].IndexOf('=');
            var kind = nameLength > 0 ? Classify(span.Slice(i, nameLength)) : ProtocolParameter.OtherProtocol;
            var namePlain = kind != ProtocolParameter.OtherProtocol;
            if (!namePlain)
            {
                kind = ProtocolParameter.None;
                nameLength = span[i..].IndexOfAnyExcept(PercentEncoding.UnreservedChars);
                namePlain = nameLength < 0 || HeaderNameStops.Contains(span[i + nameLength]);
                if (!namePlain)
                {
                    var stop = span[(i + nameLength)..].IndexOfAny(HeaderNameStops);
                    nameLength = stop < 0 ? -1 : nameLength + stop;
                }
            }

            i = nameLength < 0 ? span.Length : i + nameLength;
            var name = span[nameStart..i];
            i = Skip(span, i, newLines: false);
            if (name.IsEmpty || i == span.Length || span[i] != '=')
            {
                return OAuthProblems.AuthorizationHeaderMalformed;
            }

            // realm is an RFC 2617 quoted-string (escapes allowed, never percent-encoded); the others are percent-encoded
            var isRealm = name.Equals(OAuthParameterNames.Realm, StringComparison.OrdinalIgnoreCase);
            i = Skip(span, i + 1, newLines: false);
            var close = -1;
            var valuePlain = false;
            if (i < span.Length && span[i] == '"')
            {
                // likewise the usual value: unreserved characters up to the closing quote
                var rest = span[(i + 1)..];
                var plain = isRealm ? -1 : rest.IndexOfAnyExcept(PercentEncoding.UnreservedChars);
                valuePlain = plain >= 0 && rest[plain] == '"';
                close = valuePlain ? plain : ClosingQuote(rest, isRealm);
            }

            if (close < 0)
            {
                return OAuthProblems.AuthorizationHeaderMalformed;
            }

            var value = span.Slice(i + 1, close);
            i = Skip(span, i + close + 2, newLines: true);
            if (i < span.Length)
            {
                if (span[i] != ',')
                {
                    return OAuthProblems.AuthorizationHeaderMalformed;
                }

                i++;
            }

            var problem = isRealm ? AddRealm(name, value) : Add(name, value, plusIsSpace: false, OAuthParameterSource.AuthorizationHeader, namePlain, valuePlain, kind);
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
        if (!quoted.ContainsAnyExcept(PercentEncoding.UnreservedChars))
        {
            // the usual realm (a word): no quoted-pair, and its RFC encoding is itself
            return Register(nameStart, new Appended(name.Length, 0), AppendCanonical(quoted, escapes: 0), OAuthParameterSource.AuthorizationHeader, ProtocolParameter.Realm);
        }

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

    /// <summary>The index of the first character at or after <paramref name="start"/> that is not a space or a tab (nor CR or LF, with <paramref name="newLines"/>).</summary>
    private static int Skip(ReadOnlySpan<char> span, int start, bool newLines)
    {
        while (start < span.Length && (span[start] is ' ' or '\t' || (newLines && span[start] is '\r' or '\n')))
        {
            start++;
        }

        return start;
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';
}
