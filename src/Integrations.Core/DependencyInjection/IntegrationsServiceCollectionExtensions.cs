using Integrations.Acl;
using Integrations.Activation;
using Integrations.Configuration;
using Integrations.Diagnostics;
using Integrations.Lifecycle;
using Integrations.OAuth;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Adds the integrations library to a host's services.</summary>
public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the integration service, the secret protector and validated options. A store must be chosen on the
    /// returned builder (for example <c>UseInMemoryStores()</c>). Safe to call several times.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Configures the host-wide options.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder AddIntegrations(this IServiceCollection services, Action<IntegrationsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(IntegrationsMarker)))
        {
            return new IntegrationsBuilder(services);
        }

        services.AddSingleton<IntegrationsMarker>();
        services.AddOptions<IntegrationsOptions>().ValidateOnStart();
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton<IntegrationsMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegrationsOptions>, IntegrationsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddIntegrationsSecretProtection();
        services.TryAddScoped<IIntegrationService, IntegrationService>();
        services.AddResourceAcl();
        services.AddOAuthEngine();
        services.AddIntegrationsHandshake();
        services.AddDeclaredIntegrations();
        return new IntegrationsBuilder(services);
    }
}
