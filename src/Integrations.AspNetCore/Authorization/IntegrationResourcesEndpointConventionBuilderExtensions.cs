using Integrations.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Integrations.AspNetCore.Authorization;

/// <summary>Guards endpoints with the resource ACL.</summary>
public static class IntegrationResourcesEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires that the caller may use every listed ACL resource (Magento's REST rule: all of them), as decided by
    /// Core's resource ACL. The caller is authenticated with the integrations scheme; when every listed resource is
    /// guest-eligible, the host's guest option decides for anonymous callers. A refusal is answered with Magento's
    /// <c>401 {"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"…"}}</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="resources">The required resource ids, e.g. <c>Magento_Catalog::products</c>; at least one.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireIntegrationResources<TBuilder>(this TBuilder builder, params string[] resources)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(resources);
        if (resources.Length == 0 || resources.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one resource id is required, and none may be empty.", nameof(resources));
        }

        var policy = new AuthorizationPolicyBuilder(IntegrationsAuthenticationDefaults.AuthenticationScheme)
            .AddRequirements(new IntegrationResourcesRequirement([.. resources]))
            .Build();
        return builder.RequireAuthorization(policy);
    }
}
