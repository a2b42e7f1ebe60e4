namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// The claims that identify an authenticated integration. The principal also carries
/// <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/> (the integration id),
/// <see cref="System.Security.Claims.ClaimTypes.Name"/> (its name) and
/// <see cref="System.Security.Claims.ClaimTypes.AuthenticationMethod"/> (<see cref="OAuthMethod"/> or <see cref="BearerMethod"/>).
/// </summary>
public static class IntegrationsClaimTypes
{
    /// <summary>The integration id (a GUID in its "D" format).</summary>
    public const string IntegrationId = "integration_id";

    /// <summary>The integration's OAuth consumer key.</summary>
    public const string ConsumerKey = "oauth_consumer_key";

    /// <summary>The authentication method value of a request signed with OAuth 1.0a.</summary>
    public const string OAuthMethod = "OAuth";

    /// <summary>The authentication method value of a request carrying the access token as a Bearer token.</summary>
    public const string BearerMethod = "Bearer";
}
