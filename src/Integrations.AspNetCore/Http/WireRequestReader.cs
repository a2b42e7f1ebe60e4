using System.Buffers;
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
    /// Scheme and host as resolved, then the request target exactly as sent (still percent-encoded), after the path
    /// base when the target does not already start with it: a path base the forwarded-headers middleware took from the
    /// proxy's <c>X-Forwarded-Prefix</c> was stripped by the proxy, one <c>UsePathBase</c> split off is still in the target.
    /// With <paramref name="withPathBase"/> off (a public base URL replaces origin and prefix) the target alone follows.
    /// </summary>
    private static string BuildUrl(HttpRequest request, bool withPathBase)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (rawTarget is not { Length: > 0 } || rawTarget[0] != '/')
        {
            // no raw target (TestServer, IIS in-process): rebuilt from the decoded parts, path base only as above
            rawTarget = (withPathBase ? request.PathBase.ToUriComponent() : "") + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        }
        else if (withPathBase && request.PathBase.HasValue && !StartsWithSegment(rawTarget, request.PathBase.ToUriComponent()))
        {
            rawTarget = request.PathBase.ToUriComponent() + rawTarget;
        }

        return string.Concat(request.Scheme, "://", request.Host.Value, rawTarget);
    }

    /// <summary>Whether <paramref name="target"/> starts with the path segments of <paramref name="pathBase"/> (as <c>UsePathBase</c> matches them).</summary>
    private static bool StartsWithSegment(string target, string pathBase) =>
        target.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase)
        && (target.Length == pathBase.Length || target[pathBase.Length] is '/' or '?');

    /// <summary>Reads the body from its start, <paramref name="maxLength"/> bytes at most, and rewinds it for the endpoint.</summary>
    private static async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int maxLength, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
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
