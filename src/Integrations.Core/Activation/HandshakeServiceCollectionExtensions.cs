using System.Net;
using Integrations.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Activation;

/// <summary>Registers the activation handshake and the notifications (called once by <c>AddIntegrations</c>).</summary>
internal static class HandshakeServiceCollectionExtensions
{
    public static IServiceCollection AddIntegrationsHandshake(this IServiceCollection services)
    {
        services.AddOptions<ActivationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ActivationOptions>, ActivationOptionsValidator>());
        services.AddHttpClient(CallbackCredentialPoster.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = true,
                AutomaticDecompression = DecompressionMethods.None,
            });
        services.TryAddSingleton<CallbackCredentialPoster>();
        services.TryAddScoped<IntegrationEventPublisher>();
        services.TryAddScoped<ITokenExchangeService, TokenExchangeService>();
        return services;
    }
}
