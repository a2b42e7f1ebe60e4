using Integrations.Acl;
using Integrations.Activation;
using Integrations.Configuration;
using Integrations.Diagnostics;
using Integrations.Lifecycle;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Adds the integrations library to a host's services.</summary>
public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the integration service, the secret protector and validated options. A store must be chosen on the
    /// returned builder (for example <c>UseInMemoryStores()</c>): a host started without one fails at start. Safe to call several times.
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
        services.AddOptions<StoresChosen>()
            .Validate<IServiceProviderIsService>(static (_, registered) => registered.IsService(typeof(IIntegrationStore)) && registered.IsService(typeof(INonceStore)), StoresChosen.Missing)
            .ValidateOnStart();
        // Logging, metrics (IMeterFactory) and options are registered by AddHttpClient (the callback client, in
        // AddIntegrationsHandshake below), as in every host: the library itself needs only their abstractions.
        services.TryAddSingleton<IntegrationsMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegrationsOptions>, IntegrationsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSecretProtection();
        services.TryAddScoped<IIntegrationService, IntegrationService>();
        services.AddResourceAcl();
        services.AddOAuthEngine();
        services.AddIntegrationsHandshake();
        services.AddDeclaredIntegrations();
        return new IntegrationsBuilder(services);
    }

    /// <summary>
    /// Adds the secret protection of stored secrets alone (what <see cref="AddIntegrations"/> includes and a third-party
    /// application using the client package needs): the default <see cref="ISecretProtector"/> (AES-256-GCM data keys,
    /// optionally wrapped for an X.509 certificate) with its <see cref="SecretProtectionOptions"/>, validated on start.
    /// Safe to call several times; a protector registered before wins.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Configures the key ring.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIntegrationsSecretProtection(this IServiceCollection services, Action<SecretProtectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSecretProtection();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }
}
