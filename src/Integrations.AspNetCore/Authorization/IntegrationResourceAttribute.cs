using Microsoft.AspNetCore.Authorization;

namespace Integrations.AspNetCore.Authorization;

/// <summary>
/// Guards a controller, an action or a Razor Page with the resource ACL:
/// <c>[IntegrationResource("Magento_Catalog::products")]</c>. The caller must be allowed every listed resource, and
/// every resource of every such attribute on the class and the method. The caller is authenticated with the
/// integrations scheme under whatever name the host registered it (not with the host's default scheme, so a host
/// whose default is a cookie still answers integrations with OAuth), and refusals are Magento's answers, exactly as
/// for minimal APIs guarded with
/// <see cref="IntegrationResourcesEndpointConventionBuilderExtensions.RequireIntegrationResources{TBuilder}"/>.
/// No policy to register (.NET 8+ reads the requirement from the attribute).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class IntegrationResourceAttribute : Attribute, IAuthorizationRequirementData, IAuthorizeData
{
    private readonly IntegrationResourcesRequirement _requirement;

    /// <summary>Creates the attribute.</summary>
    /// <param name="resources">The required resource ids; at least one.</param>
    /// <exception cref="ArgumentException">No resource, or an empty one.</exception>
    public IntegrationResourceAttribute(params string[] resources) => _requirement = new IntegrationResourcesRequirement(resources);

    /// <summary>The required resource ids.</summary>
    public IReadOnlyList<string> Resources => _requirement.Resources;

    /// <summary>
    /// The library's policy that authenticates with the integrations scheme (its name is only known to the host's
    /// services, so the attribute names the policy that holds it). Not settable.
    /// </summary>
    string? IAuthorizeData.Policy
    {
        get => IntegrationsSchemePolicy.Name;
        set => throw new NotSupportedException("The policy of IntegrationResourceAttribute is fixed.");
    }

    /// <summary>No roles. Not settable.</summary>
    string? IAuthorizeData.Roles
    {
        get => null;
        set => throw new NotSupportedException("IntegrationResourceAttribute does not check roles.");
    }

    /// <summary>None besides the integrations scheme, which the policy brings. Not settable.</summary>
    string? IAuthorizeData.AuthenticationSchemes
    {
        get => null;
        set => throw new NotSupportedException("IntegrationResourceAttribute authenticates with the integrations scheme.");
    }

    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return _requirement;
    }
}
