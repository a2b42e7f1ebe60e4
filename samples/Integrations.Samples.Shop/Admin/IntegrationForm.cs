using Integrations.Model;
using Microsoft.Extensions.Primitives;

namespace Integrations.Samples.Shop.Admin;

/// <summary>The integration form as the admin filled it in (kept when a save fails, so nothing typed is lost).</summary>
public sealed class IntegrationForm
{
    public Guid? Id { get; init; }

    public string Name { get; init; } = "";

    public string Email { get; init; } = "";

    public string CallbackUrl { get; init; } = "";

    public string IdentityLinkUrl { get; init; } = "";

    public ResourceAccess ResourceAccess { get; init; } = ResourceAccess.Custom;

    public IReadOnlySet<string> Resources { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool IsReadOnly { get; init; }

    public static IntegrationForm From(Integration integration) => new()
    {
        Id = integration.Id,
        Name = integration.Name,
        Email = integration.Email ?? "",
        CallbackUrl = integration.CallbackUrl?.OriginalString ?? "",
        IdentityLinkUrl = integration.IdentityLinkUrl?.OriginalString ?? "",
        ResourceAccess = integration.ResourceAccess,
        Resources = new HashSet<string>(integration.Resources, StringComparer.Ordinal),
        IsReadOnly = integration.SetupType == IntegrationSetupType.Config,
    };

    public static IntegrationForm From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new IntegrationForm
        {
            Id = Guid.TryParse(form["id"], out var id) ? id : null,
            Name = Text(form["name"]),
            Email = Text(form["email"]),
            CallbackUrl = Text(form["endpoint"]),
            IdentityLinkUrl = Text(form["identity_link_url"]),
            ResourceAccess = form["all_resources"] == "1" ? ResourceAccess.All : ResourceAccess.Custom,
            Resources = new HashSet<string>(form["resource"].OfType<string>(), StringComparer.Ordinal),
        };
    }

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
