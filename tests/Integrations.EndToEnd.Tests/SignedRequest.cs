namespace Integrations.EndToEnd.Tests;

/// <summary>A signed API request that can be sent again as it is (a replay).</summary>
/// <param name="Method">The HTTP method signed.</param>
/// <param name="Url">The URL signed (scheme, host and target).</param>
/// <param name="Authorization">The OAuth Authorization header value.</param>
public sealed record SignedRequest(HttpMethod Method, Uri Url, string Authorization);
