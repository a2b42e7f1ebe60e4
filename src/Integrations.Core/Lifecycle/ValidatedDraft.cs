using System.Collections.Immutable;
using Integrations.Model;

namespace Integrations.Lifecycle;

/// <summary>An <see cref="IntegrationDraft"/> after validation and normalization.</summary>
internal sealed record ValidatedDraft(
    string Name,
    string? Email,
    Uri? CallbackUrl,
    Uri? IdentityLinkUrl,
    ResourceAccess ResourceAccess,
    ImmutableSortedSet<string> Resources,
    bool BearerTokenAllowed)
{
    public Integration ApplyTo(Integration integration) => integration with
    {
        Name = Name,
        Email = Email,
        CallbackUrl = CallbackUrl,
        IdentityLinkUrl = IdentityLinkUrl,
        ResourceAccess = ResourceAccess,
        Resources = Resources,
        BearerTokenAllowed = BearerTokenAllowed,
    };
}
