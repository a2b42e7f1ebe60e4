namespace Integrations.Model;

/// <summary>
/// What an admin enters to create or edit an integration. Values are validated and normalized by
/// <c>IIntegrationService</c>; invalid input is reported by <c>IntegrationValidationException</c>.
/// </summary>
public sealed class IntegrationDraft
{
    /// <summary>The name: required, trimmed, at most 255 characters, unique case-insensitively.</summary>
    public string? Name { get; set; }

    /// <summary>The contact e-mail address (optional; validated when given).</summary>
    public string? Email { get; set; }

    /// <summary>The callback URL (optional; absolute http or https).</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>The identity link URL (optional; absolute http or https).</summary>
    public string? IdentityLinkUrl { get; set; }

    /// <summary>All or Custom resource access.</summary>
    public ResourceAccess ResourceAccess { get; set; }

    /// <summary>The granted resource ids for <see cref="ResourceAccess.Custom"/>.</summary>
    public ICollection<string> Resources { get; init; } = [];

    /// <summary>Whether the access token may be used as a standalone Bearer token (the host must allow it too).</summary>
    public bool BearerTokenAllowed { get; set; }
}
