using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Authorization;

/// <summary>The resources a request was refused: every resource its policy requires, in declaration order, without repeats.</summary>
internal sealed class RefusedResourcesFeature(IReadOnlyList<string> resources)
{
    public IReadOnlyList<string> Resources { get; } = resources;

    /// <summary>
    /// The resources recorded for this request; when none were (another requirement of the endpoint refused it first,
    /// or <c>InvokeHandlersAfterFailure</c> is off), the resources of the endpoint's <see cref="IntegrationResourceAttribute"/>
    /// metadata; else none (a challenge that came before any requirement was decided).
    /// </summary>
    public static IReadOnlyList<string> Of(HttpContext context) =>
        context.Features.Get<RefusedResourcesFeature>()?.Resources
        ?? context.GetEndpoint()?.Metadata.GetOrderedMetadata<IntegrationResourceAttribute>()
            .SelectMany(a => a.Resources).Distinct(StringComparer.Ordinal).ToList()
        ?? [];
}
