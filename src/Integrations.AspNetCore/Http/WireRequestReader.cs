using System.Buffers;
using Integrations.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Integrations.AspNetCore.Http;

/// <summary>
/// Turns an ASP.NET Core request into Core's <see cref="OAuthWireRequest"/>: the URL exactly as the client sent its
/// path and query (Core rebuilds scheme and host behind proxies from its options and the forwarded headers given
/// here), the <c>Authorization</c> header, and the raw body of form posts (buffered, so endpoints can still read it),
/// read up to one byte past <see cref="OAuthOptions.MaxFormBodyLength"/> only: Core refuses a longer one, so no request
/// makes the adapter hold more. A form body whose <c>Content-Length</c> already says it is longer is not read at all:
/// Core refuses it from <see cref="OAuthWireRequest.DeclaredBodyLength"/> (a typed 413, never the server's own
/// <c>BadHttpRequestException</c> for a body above its limit).
/// </summary>
internal static class WireRequestReader
{
    private static ReadOnlySpan<byte> OAuthPrefix => "oauth_"u8;

    public static async ValueTask<OAuthWireRequest> ReadAsync(HttpRequest request, int maxFormBodyLength, CancellationToken cancellationToken)
    {
        var body = ReadOnlyMemory<byte>.Empty;
        if (OAuthWireRequest.IsFormContentType(request.ContentType) && !(request.ContentLength > maxFormBodyLength))
        {
            body = await ReadBodyAsync(request, maxFormBodyLength + 1, cancellationToken).ConfigureAwait(false);
        }

        var headers = request.Headers;
        return new OAuthWireRequest
        {
            Method = request.Method,
            Url = BuildUrl(request),
            Authorization = NullIfEmpty(headers.Authorization.ToString()),
            ContentType = request.ContentType,
            Body = body,
            DeclaredBodyLength = request.ContentLength,
            XForwardedProto = NullIfEmpty(headers["X-Forwarded-Proto"].ToString()),
            XForwardedHost = NullIfEmpty(headers["X-Forwarded-Host"].ToString()),
            Forwarded = NullIfEmpty(headers["Forwarded"].ToString()),
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

        var body = wire.Body.Span;
        return body.StartsWith(OAuthPrefix) || body.IndexOf("&oauth_"u8) >= 0;
    }

    /// <summary>Scheme and host as received, then the request target exactly as sent (still percent-encoded).</summary>
    private static string BuildUrl(HttpRequest request)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = rawTarget is { Length: > 0 } && rawTarget[0] == '/'
            ? rawTarget
            : request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        return string.Concat(request.Scheme, "://", request.Host.Value, target);
    }

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
