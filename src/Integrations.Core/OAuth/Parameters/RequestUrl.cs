using System.Text;

namespace Integrations.OAuth.Parameters;

/// <summary>
/// The parts of an absolute request URL that RFC 5849 §3.4.1.2 needs, as views over the original strings (no
/// allocation): scheme, host and port as the signed base URI uses them, the path exactly as sent, and the raw query.
/// </summary>
internal readonly struct RequestUrl
{
    private RequestUrl(ReadOnlyMemory<char> scheme, ReadOnlyMemory<char> host, int port, ReadOnlyMemory<char> pathPrefix, ReadOnlyMemory<char> path, ReadOnlyMemory<char> query)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
        PathPrefix = pathPrefix;
        Path = path;
        Query = query;
    }

    /// <summary>The scheme as sent (lower-cased when written).</summary>
    public ReadOnlyMemory<char> Scheme { get; }

    /// <summary>The host as sent, IPv6 literals with their brackets (lower-cased when written).</summary>
    public ReadOnlyMemory<char> Host { get; }

    /// <summary>The explicit port, or -1.</summary>
    public int Port { get; }

    /// <summary>A path put in front of <see cref="Path"/> (from a public base URL), usually empty.</summary>
    public ReadOnlyMemory<char> PathPrefix { get; }

    /// <summary>The path as sent (possibly empty).</summary>
    public ReadOnlyMemory<char> Path { get; }

    /// <summary>The query without <c>?</c> (possibly empty).</summary>
    public ReadOnlyMemory<char> Query { get; }

    /// <summary>The most characters <see cref="WriteBaseUri"/> writes.</summary>
    public int MaxBaseUriLength => Scheme.Length + 3 + Host.Length + 6 + PathPrefix.Length + Math.Max(Path.Length, 1);

    /// <summary>Parses an absolute URL made of printable ASCII: <c>scheme://host[:port][/path][?query][#fragment]</c>.</summary>
    public static bool TryParse(string url, out RequestUrl parsed)
    {
        parsed = default;
        var span = url.AsSpan();
        if (span.Length is 0 or > 65_536 || span.ContainsAnyExceptInRange('!', '~'))
        {
            return false;
        }

        // a scheme holds no ':', so the first one is that of "://"
        var schemeEnd = span.IndexOf(':');
        if (schemeEnd <= 0 || !span[schemeEnd..].StartsWith("://", StringComparison.Ordinal) || !IsScheme(span[..schemeEnd]))
        {
            return false;
        }

        var authorityStart = schemeEnd + 3;
        var rest = span[authorityStart..];
        var authorityLength = rest.IndexOfAny('/', '?', '#');
        if (authorityLength < 0)
        {
            authorityLength = rest.Length;
        }

        if (!TrySplitAuthority(url.AsMemory(authorityStart, authorityLength), out var host, out var port))
        {
            return false;
        }

        var afterAuthority = authorityStart + authorityLength;
        var pathLength = span[afterAuthority..].IndexOfAny('?', '#'); // the authority holds neither
        var pathEnd = pathLength < 0 ? span.Length : afterAuthority + pathLength;
        var query = ReadOnlyMemory<char>.Empty;
        if (pathEnd < span.Length && span[pathEnd] == '?')
        {
            var queryLength = span[(pathEnd + 1)..].IndexOf('#'); // up to the fragment, if any
            query = url.AsMemory(pathEnd + 1, queryLength < 0 ? span.Length - pathEnd - 1 : queryLength);
        }

        var path = url.AsMemory(afterAuthority, pathEnd - afterAuthority);
        parsed = new RequestUrl(url.AsMemory(0, schemeEnd), host, port, ReadOnlyMemory<char>.Empty, path, query);
        return true;
    }

    /// <summary>Splits <c>host[:port]</c> (IPv6 in brackets); rejects user info and bad ports.</summary>
    public static bool TrySplitAuthority(ReadOnlyMemory<char> authority, out ReadOnlyMemory<char> host, out int port)
    {
        host = default;
        port = -1;
        var span = authority.Span;
        if (span.IsEmpty || span.Contains('@'))
        {
            return false;
        }

        int hostLength;
        if (span[0] == '[')
        {
            var close = span.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            hostLength = close + 1;
            if (hostLength < span.Length && span[hostLength] != ':')
            {
                return false;
            }
        }
        else
        {
            hostLength = span.IndexOf(':');
            if (hostLength < 0)
            {
                hostLength = span.Length;
            }
        }

        if (hostLength == 0)
        {
            return false;
        }

        host = authority[..hostLength];
        if (hostLength < span.Length)
        {
            var portText = span[(hostLength + 1)..];
            if (portText.IsEmpty)
            {
                return true; // "host:" means the default port (RFC 3986 §3.2.3)
            }

            if (portText.Length > 5 || portText.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            port = int.Parse(portText, System.Globalization.CultureInfo.InvariantCulture);
            if (port > 65_535)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A copy with another scheme, host and port (and optionally a path prefix), for requests behind a proxy.</summary>
    public RequestUrl WithOrigin(ReadOnlyMemory<char> scheme, ReadOnlyMemory<char> host, int port, ReadOnlyMemory<char> pathPrefix) =>
        new(scheme, host, port, pathPrefix, Path, Query);

    /// <summary>Writes the base string URI (§3.4.1.2) as plain text: lower-case scheme and host, no default port, path as sent or <c>/</c>.</summary>
    /// <returns>The number of characters written.</returns>
    public int WriteBaseUri(Span<char> destination)
    {
        Ascii.ToLower(Scheme.Span, destination, out var written); // every part was checked to be printable ASCII
        "://".CopyTo(destination[written..]);
        written += 3;
        Ascii.ToLower(Host.Span, destination[written..], out var hostLength);
        written += hostLength;
        if (Port >= 0 && !IsDefaultPort())
        {
            destination[written++] = ':';
            Port.TryFormat(destination[written..], out var portLength, default, System.Globalization.CultureInfo.InvariantCulture);
            written += portLength;
        }

        PathPrefix.Span.CopyTo(destination[written..]);
        written += PathPrefix.Length;
        if (Path.IsEmpty && PathPrefix.IsEmpty)
        {
            destination[written++] = '/';
        }
        else
        {
            Path.Span.CopyTo(destination[written..]);
            written += Path.Length;
        }

        return written;
    }

    /// <summary>Whether the port is given and is the default of the scheme (80 for http, 443 for https).</summary>
    public bool HasDefaultPort => Port >= 0 && IsDefaultPort();

    private bool IsDefaultPort() =>
        (Port == 80 && Scheme.Span.Equals("http", StringComparison.OrdinalIgnoreCase))
        || (Port == 443 && Scheme.Span.Equals("https", StringComparison.OrdinalIgnoreCase));

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
