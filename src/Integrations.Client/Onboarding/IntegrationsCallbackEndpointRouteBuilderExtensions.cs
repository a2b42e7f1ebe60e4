using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Onboarding;

/// <summary>Maps the onboarding receiver of a third-party ASP.NET Core app.</summary>
public static class IntegrationsCallbackEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c>: the URL to give a shop's integration as its callback URL. It accepts
    /// the shop's credentials POST (checked against <see cref="IntegrationsClientOptions"/>), answers 200 at once and
    /// runs the request-token and access-token exchange in the background, then stores the connection and tells the
    /// <see cref="IIntegrationConnectionObserver"/>s. Requires <see cref="IntegrationsClientServiceCollectionExtensions.AddIntegrationsClient"/>.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route, for example <c>/integrations/callback</c>.</param>
    /// <returns>The endpoint's builder (add rate limiting or host filtering there).</returns>
    public static RouteHandlerBuilder MapIntegrationsCallback(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return endpoints.MapPost(pattern, (Func<HttpContext, Task<IResult>>)(context => context.RequestServices.GetRequiredService<CallbackReceiver>().ReceiveAsync(context)))
            .DisableAntiforgery()
            .WithDisplayName("Integrations callback (credentials POST)");
    }
}
