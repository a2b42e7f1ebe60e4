using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Security;

/// <summary>Adds the secret protection of stored secrets alone (what <c>AddIntegrations</c> and the client package both use).</summary>
public static class SecretProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the default <see cref="ISecretProtector"/> (<see cref="AesGcmSecretProtector"/>) with its
    /// <see cref="SecretProtectionOptions"/>, validated on start, wrapped keys opened once. Safe to call several times; a
    /// protector registered before wins.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Configures the key ring.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIntegrationsSecretProtection(this IServiceCollection services, Action<SecretProtectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SecretProtectionOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretProtectionOptions>, SecretProtectionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<SecretProtectionOptions>, SecretKeyUnwrapping>());
        services.TryAddSingleton<ISecretProtector, AesGcmSecretProtector>();
        return services;
    }
}
