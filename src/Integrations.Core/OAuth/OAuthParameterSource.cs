namespace Integrations.OAuth;

/// <summary>Where a request parameter was sent (RFC 5849 §3.5).</summary>
internal enum OAuthParameterSource
{
    /// <summary>The <c>Authorization: OAuth ...</c> header.</summary>
    AuthorizationHeader = 0,

    /// <summary>The query string of the request URL.</summary>
    Query = 1,

    /// <summary>An <c>application/x-www-form-urlencoded</c> body.</summary>
    Body = 2,
}
