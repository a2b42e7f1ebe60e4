using Integrations.AspNetCore.Authentication;
using Integrations.Model;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore;

/// <summary>Reads what the integrations scheme learned about the current request.</summary>
public static class IntegrationsHttpContextExtensions
{
    /// <summary>
    /// The integration the integrations scheme authenticated for this request, as it was read from the store, or
    /// <see langword="null"/> when the request is anonymous (a guest) or was not authenticated by that scheme.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The integration, or <see langword="null"/>.</returns>
    public static Integration? GetIntegration(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IntegrationFeature>()?.Integration;
    }
}
