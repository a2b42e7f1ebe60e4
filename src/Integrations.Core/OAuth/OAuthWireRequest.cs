namespace Integrations.OAuth;

/// <summary>
/// An HTTP request as it arrived, in the terms OAuth 1.0a signs: the method, the absolute URL the client addressed,
/// the <c>Authorization</c> header, the content type and the raw body. Host adapters fill it from their framework's
/// request; nothing here depends on a web framework.
/// </summary>
/// <remarks>
/// <see cref="Url"/> must carry the path and query exactly as they appeared in the request line (still
/// percent-encoded, not decoded and re-encoded): that is what the client signed. Behind a reverse proxy, its scheme,
/// host and path base are the public ones the host's framework resolved from the headers of the proxies it trusts
/// (ASP.NET Core's forwarded-headers middleware), unless <see cref="OAuthOptions.PublicBaseUrl"/> replaces them.
/// <see cref="ToString"/> leaves out the header and the body.
/// </remarks>
public readonly struct OAuthWireRequest
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>The HTTP method, for example <c>POST</c> (upper-cased for signing).</summary>
    public required string Method { get; init; }

    /// <summary>The absolute request URL, for example <c>https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The value of the <c>Authorization</c> header, or <see langword="null"/>. Only the <c>OAuth</c> scheme is read.</summary>
    public string? Authorization { get; init; }

    /// <summary>The value of the <c>Content-Type</c> header, or <see langword="null"/>. The body is signed only for <c>application/x-www-form-urlencoded</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The raw request body (read only when <see cref="ContentType"/> is form-urlencoded).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>
    /// The body length the request declares (its <c>Content-Length</c>), or <see langword="null"/> when unknown. An adapter
    /// that sees a form body declared longer than <see cref="OAuthOptions.MaxFormBodyLength"/> leaves <see cref="Body"/>
    /// unread: the request is refused as too large from this length alone.
    /// </summary>
    public long? DeclaredBodyLength { get; init; }

    /// <summary>
    /// Whether a content type is <c>application/x-www-form-urlencoded</c> (in any case, with any parameters): the body of
    /// such a request is signed, so an adapter must put it in <see cref="Body"/>.
    /// </summary>
    /// <param name="contentType">The value of the <c>Content-Type</c> header, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> for a form-urlencoded content type.</returns>
    public static bool IsFormContentType(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        if (string.Equals(contentType, FormContentType, StringComparison.Ordinal))
        {
            return true; // the usual spelling, without the scan below
        }

        var span = contentType.AsSpan();
        var semicolon = span.IndexOf(';');
        return (semicolon < 0 ? span : span[..semicolon]).Trim().Equals(FormContentType, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Url}";
}
