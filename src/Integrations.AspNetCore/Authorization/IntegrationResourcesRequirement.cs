using Microsoft.AspNetCore.Authorization;

namespace Integrations.AspNetCore.Authorization;

/// <summary>
/// The authorization requirement that the caller may use every listed ACL resource (Magento's REST rule: all of
/// them), decided by Core's resource ACL for the integration the integrations scheme authenticated, or for a guest.
/// The one requirement behind <see cref="IntegrationResourceAttribute"/>, the endpoint convention
/// <see cref="IntegrationResourcesEndpointConventionBuilderExtensions.RequireIntegrationResources{TBuilder}"/> and the
/// policy builder extension
/// <see cref="IntegrationResourcesAuthorizationPolicyBuilderExtensions.RequireIntegrationResources(AuthorizationPolicyBuilder, string[])"/>,
/// so controllers, Razor Pages and minimal APIs get the same check and the same answers.
/// </summary>
public sealed class IntegrationResourcesRequirement : IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="resources">The resource ids that must all be allowed, e.g. <c>Magento_Catalog::products</c>; at least one.</param>
    /// <exception cref="ArgumentException">No resource, or an empty one.</exception>
    public IntegrationResourcesRequirement(params IEnumerable<string> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        string[] list = [.. resources];
        if (list.Length == 0 || list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one resource id is required, and none may be empty.", nameof(resources));
        }

        Resources = list;
    }

    /// <summary>The resource ids that must all be allowed, in declaration order.</summary>
    public IReadOnlyList<string> Resources { get; }

    /// <inheritdoc />
    public override string ToString() => "Integration resources: " + string.Join(", ", Resources);
}
