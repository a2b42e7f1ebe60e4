using Integrations.OAuth.Parameters;
using Microsoft.Extensions.Options;

namespace Integrations.OAuth.Validation;

/// <summary>
/// Rebuilds the origin (scheme, host, port, path prefix) of the URL a client signed when the application sits behind a
/// reverse proxy: from <see cref="OAuthOptions.PublicBaseUrl"/>, or from trusted forwarded headers
/// (<c>Forwarded</c>'s <c>proto</c> and <c>host</c> first, each else <c>X-Forwarded-Proto</c> / <c>X-Forwarded-Host</c>),
/// or not at all. Singleton.
/// </summary>
internal sealed class RequestOrigin
{
    private readonly bool _trustForwardedHeaders;
    private readonly string? _scheme;
    private readonly string? _host;
    private readonly int _port;
    private readonly string? _pathPrefix;

    public RequestOrigin(IOptions<OAuthOptions> options)
    {
        var value = options.Value;
        _trustForwardedHeaders = value.TrustForwardedHeaders;
        if (value.PublicBaseUrl is { IsAbsoluteUri: true } url)
        {
            _scheme = url.Scheme;
            _host = url.HostNameType == UriHostNameType.IPv6 ? $"[{url.IdnHost}]" : url.IdnHost;
            _port = url.IsDefaultPort ? -1 : url.Port;
            _pathPrefix = url.AbsolutePath.TrimEnd('/');
        }
    }

    /// <summary>The URL whose origin the client signed; <see langword="false"/> if a trusted forwarded header is malformed.</summary>
    public bool TryRebuild(in OAuthWireRequest request, RequestUrl received, out RequestUrl rebuilt)
    {
        rebuilt = received;
        if (_scheme is not null)
        {
            rebuilt = received.WithOrigin(_scheme.AsMemory(), _host.AsMemory(), _port, _pathPrefix.AsMemory());
            return true;
        }

        if (!_trustForwardedHeaders)
        {
            return true;
        }

        ReadOnlyMemory<char> scheme = default;
        ReadOnlyMemory<char> authority = default;
        if (request.Forwarded is { Length: > 0 } forwarded)
        {
            ReadForwarded(forwarded.AsMemory(), ref scheme, ref authority);
        }

        // a Forwarded header without proto or host (only for=, say) leaves them to the X-Forwarded headers
        scheme = scheme.IsEmpty ? FirstValue(request.XForwardedProto) : scheme;
        authority = authority.IsEmpty ? FirstValue(request.XForwardedHost) : authority;

        if (scheme.IsEmpty && authority.IsEmpty)
        {
            return true;
        }

        if (!scheme.IsEmpty && !scheme.Span.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Span.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var host = received.Host;
        var port = received.Port;
        if (authority.IsEmpty && !scheme.IsEmpty && received.HasDefaultPort)
        {
            port = -1; // "http://shop:80" forwarded as https was "https://shop" for the client, not "https://shop:80"
        }

        if (!authority.IsEmpty
            && (authority.Span.ContainsAnyExceptInRange('!', '~') || !RequestUrl.TrySplitAuthority(authority, out host, out port)))
        {
            return false;
        }

        rebuilt = received.WithOrigin(scheme.IsEmpty ? received.Scheme : scheme, host, port, ReadOnlyMemory<char>.Empty);
        return true;
    }

    /// <summary>Reads <c>proto</c> and <c>host</c> from the first element of an RFC 7239 <c>Forwarded</c> header.</summary>
    private static void ReadForwarded(ReadOnlyMemory<char> header, ref ReadOnlyMemory<char> scheme, ref ReadOnlyMemory<char> authority)
    {
        var comma = header.Span.IndexOf(',');
        var element = comma < 0 ? header : header[..comma];
        while (!element.IsEmpty)
        {
            var semicolon = element.Span.IndexOf(';');
            var pair = semicolon < 0 ? element : element[..semicolon];
            element = semicolon < 0 ? ReadOnlyMemory<char>.Empty : element[(semicolon + 1)..];
            var equals = pair.Span.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }

            var name = pair[..equals].Trim();
            var value = Unquote(pair[(equals + 1)..].Trim());
            if (name.Span.Equals("proto", StringComparison.OrdinalIgnoreCase))
            {
                scheme = value;
            }
            else if (name.Span.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                authority = value;
            }
        }
    }

    private static ReadOnlyMemory<char> FirstValue(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return default;
        }

        var comma = header.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? header.AsMemory() : header.AsMemory(0, comma)).Trim();
    }

    private static ReadOnlyMemory<char> Unquote(ReadOnlyMemory<char> value) =>
        value.Length >= 2 && value.Span[0] == '"' && value.Span[^1] == '"' ? value[1..^1] : value;
}
