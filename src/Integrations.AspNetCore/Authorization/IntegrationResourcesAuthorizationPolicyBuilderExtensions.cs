using Integrations.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Integrations.AspNetCore.Authorization;

/// <summary>Adds the resource ACL to a named policy: <c>options.AddPolicy("Products", p =&gt; p.RequireIntegrationResources("Magento_Catalog::products"))</c>.</summary>
public static class IntegrationResourcesAuthorizationPolicyBuilderExtensions
{
    /// <summary>
    /// Requires that the caller may use every listed resource (<see cref="IntegrationResourcesRequirement"/>, the same
    /// check as <see cref="IntegrationResourceAttribute"/>). When the policy names no authentication scheme yet, it is
    /// given <see cref="IntegrationsAuthenticationDefaults.AuthenticationScheme"/>; a host that registered the scheme
    /// under another name names it first: <c>p.AddAuthenticationSchemes("ShopOAuth").RequireIntegrationResources(…)</c>
    /// (a named policy is built before the host's services exist, so it cannot look the name up; the attribute and the
    /// endpoint convention can, and do).
    /// </summary>
    /// <param name="policy">The policy builder.</param>
    /// <param name="resources">The required resource ids; at least one.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">No resource, or an empty one.</exception>
    public static AuthorizationPolicyBuilder RequireIntegrationResources(this AuthorizationPolicyBuilder policy, params string[] resources)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var requirement = new IntegrationResourcesRequirement(resources);
        if (policy.AuthenticationSchemes.Count == 0)
        {
            policy.AddAuthenticationSchemes(IntegrationsAuthenticationDefaults.AuthenticationScheme);
        }

        return policy.AddRequirements(requirement);
    }
}
