using Microsoft.AspNetCore.Builder;

namespace Integrations.AspNetCore.Authorization;

/// <summary>Guards endpoints with the resource ACL.</summary>
public static class IntegrationResourcesEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires that the caller may use every listed ACL resource (Magento's REST rule: all of them), as decided by
    /// Core's resource ACL. The caller is authenticated with the integrations scheme (under the name the host
    /// registered it); when every listed resource is guest-eligible, the host's guest option decides for anonymous
    /// callers. A refusal is answered with Magento's
    /// <c>401 {"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"…"}}</c>.
    /// The same as putting <see cref="IntegrationResourceAttribute"/> on a controller action.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="resources">The required resource ids, e.g. <c>Magento_Catalog::products</c>; at least one.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">No resource, or an empty one.</exception>
    public static TBuilder RequireIntegrationResources<TBuilder>(this TBuilder builder, params string[] resources)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(new IntegrationResourceAttribute(resources));
    }
}
