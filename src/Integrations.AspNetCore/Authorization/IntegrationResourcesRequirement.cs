using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Authorization;

/// <summary>
/// The authorization requirement behind
/// <see cref="IntegrationResourcesEndpointConventionBuilderExtensions.RequireIntegrationResources{TBuilder}"/>:
/// the caller may use every listed resource.
/// </summary>
/// <param name="resources">The resource ids that must all be allowed.</param>
internal sealed class IntegrationResourcesRequirement(IReadOnlyList<string> resources) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Resources { get; } = resources;

    /// <summary>Every resource an endpoint requires, in declaration order, without repeats.</summary>
    public static IReadOnlyList<string> RequiredBy(Endpoint? endpoint) =>
        endpoint is null
            ? []
            : [.. endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()
                .SelectMany(p => p.Requirements.OfType<IntegrationResourcesRequirement>())
                .SelectMany(r => r.Resources)
                .Distinct(StringComparer.Ordinal)];

    public override string ToString() => "Integration resources: " + string.Join(", ", Resources);
}
