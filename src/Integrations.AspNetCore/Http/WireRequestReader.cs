using System.Buffers;
using System.Text;
using Integrations.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Integrations.AspNetCore.Http;

/// <summary>
/// Turns an ASP.NET Core request into Core's <see cref="OAuthWireRequest"/>: the URL the client signed (scheme, host
/// and path base as ASP.NET Core resolved them, so behind a proxy the host's forwarded-headers middleware, trusting only
/// the proxies it lists, gives the public ones; then the path and query exactly as sent), the <c>Authorization</c>
/// header, and the raw body of form posts (buffered, so endpoints can still read it), read up to one byte past
/// <see cref="OAuthOptions.MaxFormBodyLength"/> only: Core refuses a longer one, so no request makes the adapter hold
/// more. A form body whose <c>Content-Length</c> already says it is longer is not read at all: Core refuses it from
/// <see cref="OAuthWireRequest.DeclaredBodyLength"/> (a typed 413, never the server's own
/// <c>BadHttpRequestException</c> for a body above its limit). No forwarded header is read here.
/// </summary>
internal static class WireRequestReader
{
    private static ReadOnlySpan<byte> OAuthPrefix => "oauth_"u8;

    /// <summary>Reads the request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="options">Core's options: the longest form body worth reading, and whether <see cref="OAuthOptions.PublicBaseUrl"/> replaces the resolved origin and path base.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public static async ValueTask<OAuthWireRequest> ReadAsync(HttpRequest request, OAuthOptions options, CancellationToken cancellationToken)
    {
        var maxFormBodyLength = options.MaxFormBodyLength;
        var body = ReadOnlyMemory<byte>.Empty;
        if (OAuthWireRequest.IsFormContentType(request.ContentType) && !(request.ContentLength > maxFormBodyLength))
        {
            body = await ReadBodyAsync(request, maxFormBodyLength + 1, cancellationToken).ConfigureAwait(false);
        }

        return new OAuthWireRequest
        {
            Method = request.Method,
            Url = BuildUrl(request, withPathBase: options.PublicBaseUrl is null),
            Authorization = NullIfEmpty(request.Headers.Authorization.ToString()),
            ContentType = request.ContentType,
            Body = body,
            DeclaredBodyLength = request.ContentLength,
        };
    }

    /// <summary>
    /// Whether the request carries OAuth protocol parameters at all (an <c>OAuth</c> Authorization header, or an
    /// <c>oauth_</c> parameter in the query or form body). Requests without any are anonymous, not failures. A form body
    /// read only in part (longer than <paramref name="maxFormBodyLength"/>) may hold them in the unread part: it counts
    /// as carrying them, so Core refuses it as too large rather than it passing for anonymous.
    /// </summary>
    public static bool CarriesOAuth(HttpRequest request, in OAuthWireRequest wire, int maxFormBodyLength)
    {
        if (wire.Body.Length > maxFormBodyLength || (wire.DeclaredBodyLength > maxFormBodyLength && OAuthWireRequest.IsFormContentType(wire.ContentType)))
        {
            return true;
        }

        var authorization = wire.Authorization.AsSpan().TrimStart();
        if (authorization.StartsWith("OAuth", StringComparison.OrdinalIgnoreCase)
            && (authorization.Length == 5 || authorization[5] == ' '))
        {
            return true;
        }

        foreach (var name in request.Query.Keys)
        {
            if (name.StartsWith("oauth_", StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var pair in wire.Body.Span.Split((byte)'&'))
        {
            if (NameStartsWithOAuthPrefix(wire.Body.Span[pair]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a form pair's name, percent-decoded as Core decodes it (<c>oauth%5Fnonce</c> too), starts with <c>oauth_</c>.</summary>
    private static bool NameStartsWithOAuthPrefix(ReadOnlySpan<byte> pair)
    {
        var prefix = OAuthPrefix;
        var matched = 0;
        for (var i = 0; i < pair.Length && matched < prefix.Length; i++, matched++)
        {
            var b = pair[i];
            if (b == '%' && i + 2 < pair.Length && Uri.IsHexDigit((char)pair[i + 1]) && Uri.IsHexDigit((char)pair[i + 2]))
            {
                b = (byte)((Uri.FromHex((char)pair[i + 1]) << 4) | Uri.FromHex((char)pair[i + 2]));
                i += 2;
            }

            if (b != prefix[matched])
            {
                return false;
            }
        }

        return matched == prefix.Length;
    }

    /// <summary>
    /// Scheme and host as resolved, then the request target exactly as sent (still percent-encoded; of an absolute-form
    /// target, its path and query), after the part of the path base the target does not hold: a path base the
    /// forwarded-headers middleware took from the proxy's <c>X-Forwarded-Prefix</c> was stripped by the proxy, one
    /// <c>UsePathBase</c> split off is still in the target, and a path base may be both. With
    /// <paramref name="withPathBase"/> off (a public base URL replaces origin and prefix) the target alone follows.
    /// </summary>
    private static string BuildUrl(HttpRequest request, bool withPathBase)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (rawTarget is { Length: > 0 } && rawTarget[0] != '/')
        {
            rawTarget = PathOfAbsoluteForm(rawTarget);
        }

        if (string.IsNullOrEmpty(rawTarget))
        {
            // no raw target (TestServer, IIS in-process, an asterisk-form): rebuilt from the decoded parts
            rawTarget = (withPathBase ? request.PathBase.ToUriComponent() : "") + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        }
        else if (withPathBase && request.PathBase.HasValue)
        {
            rawTarget = PathBaseNotInTarget(request, rawTarget) + rawTarget;
        }

        return string.Concat(request.Scheme, "://", request.Host.Value, rawTarget);
    }

    /// <summary>The path and query of an absolute-form target (<c>GET http://host/path?q HTTP/1.1</c>) as sent, or <see langword="null"/>.</summary>
    private static string? PathOfAbsoluteForm(string rawTarget)
    {
        var authority = rawTarget.IndexOf("://", StringComparison.Ordinal);
        if (authority < 0)
        {
            return null;
        }

        var path = rawTarget.IndexOfAny(['/', '?'], authority + 3);
        return path < 0 ? "/" : rawTarget[path] == '?' ? "/" + rawTarget[path..] : rawTarget[path..];
    }

    /// <summary>
    /// The leading segments of the path base that the raw target does not hold: the target holds as many path segments
    /// more than <see cref="HttpRequest.Path"/> as it holds of the path base (counted by separators, which decoding
    /// leaves alone, so an encoded or differently cased path base still counts; dot segments counted as the server
    /// resolved them), and the rest was stripped by a proxy. A trailing separator of the path base
    /// (<c>X-Forwarded-Prefix: /store/</c>) is not doubled.
    /// </summary>
    private static string PathBaseNotInTarget(HttpRequest request, string rawTarget)
    {
        var pathBase = request.PathBase.ToUriComponent().TrimEnd('/');
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var inTarget = Separators(rawTarget.AsSpan(0, query < 0 ? rawTarget.Length : query)) - (request.Path.Value ?? "").AsSpan().Count('/');
        for (var segment = 0; segment < inTarget && pathBase.Length > 0; segment++)
        {
            pathBase = pathBase[..Math.Max(pathBase.LastIndexOf('/'), 0)];
        }

        return pathBase;
    }

    /// <summary>
    /// The separators of <paramref name="path"/> once its dot segments (<c>.</c>, <c>..</c>, also percent-encoded) are
    /// removed, as the server removes them from <see cref="HttpRequest.Path"/> (RFC 3986 §5.2.4).
    /// </summary>
    private static int Separators(ReadOnlySpan<char> path)
    {
        if (!path.Contains('.') && !path.Contains("%2e", StringComparison.OrdinalIgnoreCase))
        {
            return path.Count('/');
        }

        var kept = 0;
        var trailing = false; // a dot segment last leaves the path ending with a separator
        var first = true;
        foreach (var range in path.Split('/'))
        {
            if (first)
            {
                first = false; // before the leading separator
                continue;
            }

            var segment = path[range];
            if (segment is "." || segment.Equals("%2e", StringComparison.OrdinalIgnoreCase))
            {
                trailing = true;
            }
            else if (segment is ".." || segment.Equals("%2e%2e", StringComparison.OrdinalIgnoreCase)
                || segment.Equals(".%2e", StringComparison.OrdinalIgnoreCase) || segment.Equals("%2e.", StringComparison.OrdinalIgnoreCase))
            {
                kept = Math.Max(kept - 1, 0);
                trailing = true;
            }
            else
            {
                kept++;
                trailing = false;
            }
        }

        return kept + (trailing ? 1 : 0);
    }

    /// <summary>
    /// Reads the body from its start, <paramref name="maxLength"/> bytes at most, and rewinds it for the endpoint. A form
    /// a middleware already read from a body it did not buffer (the method-override middleware) is the body's only
    /// copy left: its fields are encoded again, which signs the same (the base string re-encodes every parameter).
    /// </summary>
    private static async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int maxLength, CancellationToken cancellationToken)
    {
        if (!request.Body.CanSeek && request.HttpContext.Features.Get<IFormFeature>()?.Form is { } form)
        {
            return Encoding.UTF8.GetBytes(string.Join('&', form.SelectMany(field => field.Value.Select(value => ErrorAnswerWriter.FormEncode(field.Key) + "=" + ErrorAnswerWriter.FormEncode(value ?? "")))));
        }

        request.EnableBuffering();
        request.Body.Position = 0;
        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 1024, 16, Math.Min(maxLength, 1 << 20)));
        int read;
        while (buffer.WrittenCount < maxLength
            && (read = await request.Body.ReadAsync(buffer.GetMemory(4096)[..Math.Min(4096, maxLength - buffer.WrittenCount)], cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Advance(read);
        }

        request.Body.Position = 0;
        return buffer.WrittenMemory;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
