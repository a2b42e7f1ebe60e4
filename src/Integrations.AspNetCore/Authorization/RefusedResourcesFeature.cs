using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Authorization;

/// <summary>The resources a request was refused: every resource its policy requires, in declaration order, without repeats.</summary>
internal sealed class RefusedResourcesFeature(IReadOnlyList<string> resources)
{
    public IReadOnlyList<string> Resources { get; } = resources;

    /// <summary>The resources recorded for this request, or none (a challenge that came before any requirement was decided).</summary>
    public static IReadOnlyList<string> Of(HttpContext context) => context.Features.Get<RefusedResourcesFeature>()?.Resources ?? [];
}
