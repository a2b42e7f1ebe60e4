using Integrations.Model;
using Microsoft.Extensions.Primitives;

namespace Integrations.AspNetCore.Admin.Forms;

/// <summary>The integration form as the admin filled it in (kept when a save fails, so nothing typed is lost).</summary>
public sealed class IntegrationForm
{
    /// <summary>The hidden field that carries <see cref="ConcurrencyToken"/> (the Allow and Delete dialogs' too).</summary>
    internal const string ConcurrencyTokenField = "concurrency_token";

    /// <summary>The integration edited, or <see langword="null"/> for a new one.</summary>
    public Guid? Id { get; init; }

    /// <summary>
    /// The <see cref="Integration.ConcurrencyToken"/> of the integration as the form was opened (a hidden field), or
    /// <see langword="null"/>: a save made after someone else changed the integration is refused instead of overwriting their change.
    /// </summary>
    public string? ConcurrencyToken { get; init; }

    /// <summary>"Name".</summary>
    public string Name { get; init; } = "";

    /// <summary>"Email".</summary>
    public string Email { get; init; } = "";

    /// <summary>"Callback URL".</summary>
    public string CallbackUrl { get; init; } = "";

    /// <summary>"Identity link URL".</summary>
    public string IdentityLinkUrl { get; init; } = "";

    /// <summary>"Resource Access": All or Custom.</summary>
    public ResourceAccess ResourceAccess { get; init; } = ResourceAccess.Custom;

    /// <summary>The resources checked in the tree.</summary>
    public IReadOnlySet<string> Resources { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether the integration is declared in configuration (View, not Edit).</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>Whether credentials were issued that the admin may reveal.</summary>
    public bool HasCredentials { get; init; }

    /// <summary>The form of a stored integration.</summary>
    /// <param name="integration">The integration.</param>
    /// <returns>The form.</returns>
    public static IntegrationForm From(Integration integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return new IntegrationForm
        {
            Id = integration.Id,
            ConcurrencyToken = integration.ConcurrencyToken,
            Name = integration.Name,
            Email = integration.Email ?? "",
            CallbackUrl = integration.CallbackUrl?.OriginalString ?? "",
            IdentityLinkUrl = integration.IdentityLinkUrl?.OriginalString ?? "",
            ResourceAccess = integration.ResourceAccess,
            Resources = new HashSet<string>(integration.Resources, StringComparer.Ordinal),
            IsReadOnly = integration.SetupType == IntegrationSetupType.Config,
            HasCredentials = integration.Token is not null,
        };
    }

    /// <summary>Whether the posted form's <c>id</c> is absent or empty (a new integration) or one GUID (an edit).</summary>
    /// <param name="form">The posted fields.</param>
    /// <returns>Whether <see cref="From(IFormCollection)"/> reads the id as it was sent.</returns>
    internal static bool HasValidId(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var id = form["id"];
        return id.Count == 0 || (id.Count == 1 && (string.IsNullOrEmpty(id[0]) || Guid.TryParse(id[0], out _)));
    }

    /// <summary>The form as posted.</summary>
    /// <param name="form">The posted fields.</param>
    /// <returns>The form.</returns>
    public static IntegrationForm From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new IntegrationForm
        {
            Id = Guid.TryParse(form["id"], out var id) ? id : null,
            ConcurrencyToken = form[ConcurrencyTokenField] is { Count: 1 } token ? token[0] : null,
            Name = Text(form["name"]),
            Email = Text(form["email"]),
            CallbackUrl = Text(form["endpoint"]),
            IdentityLinkUrl = Text(form["identity_link_url"]),
            ResourceAccess = form["all_resources"] == "1" ? ResourceAccess.All : ResourceAccess.Custom,
            Resources = new HashSet<string>(form["resource"].OfType<string>(), StringComparer.Ordinal),
        };
    }

    /// <summary>This form as posted, with what the stored integration decides about the page (read-only, Show Credentials).</summary>
    /// <param name="stored">The integration as stored.</param>
    /// <returns>The form to show again.</returns>
    internal IntegrationForm WithStateOf(Integration stored) => new()
    {
        Id = Id,
        ConcurrencyToken = ConcurrencyToken,
        Name = Name,
        Email = Email,
        CallbackUrl = CallbackUrl,
        IdentityLinkUrl = IdentityLinkUrl,
        ResourceAccess = ResourceAccess,
        Resources = Resources,
        IsReadOnly = stored.SetupType == IntegrationSetupType.Config,
        HasCredentials = stored.Token is not null,
    };

    /// <summary>The input for the integration service.</summary>
    /// <returns>The draft.</returns>
    public IntegrationDraft ToDraft()
    {
        var draft = new IntegrationDraft
        {
            Name = Name,
            Email = Blank(Email),
            CallbackUrl = Blank(CallbackUrl),
            IdentityLinkUrl = Blank(IdentityLinkUrl),
            ResourceAccess = ResourceAccess,
        };
        if (ResourceAccess == ResourceAccess.Custom)
        {
            foreach (var resource in Resources)
            {
                draft.Resources.Add(resource);
            }
        }

        return draft;
    }

    private static string Text(StringValues value) => value.ToString().Trim();

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
