namespace Integrations.AspNetCore.Authentication;

/// <summary>Default values of the integrations authentication scheme.</summary>
public static class IntegrationsAuthenticationDefaults
{
    /// <summary>The default scheme name: <c>Integrations</c>.</summary>
    public const string AuthenticationScheme = "Integrations";

    /// <summary>The default display name of the scheme.</summary>
    public const string DisplayName = "Magento-compatible integrations (OAuth 1.0a)";

    /// <summary>The default realm announced in <c>WWW-Authenticate: OAuth realm="…"</c>.</summary>
    public const string Realm = "Integrations";
}
