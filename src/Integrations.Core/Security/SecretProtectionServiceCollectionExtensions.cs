using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Security;

/// <summary>Registers the secret protection of stored secrets (called by <c>AddIntegrationsSecretProtection</c> and <c>AddIntegrations</c>).</summary>
internal static class SecretProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the default <see cref="ISecretProtector"/> (<see cref="AesGcmSecretProtector"/>, which opens wrapped keys
    /// itself and keeps them to itself) with its <see cref="SecretProtectionOptions"/>, validated on start. Idempotent; a
    /// protector registered before wins.
    /// </summary>
    public static IServiceCollection AddSecretProtection(this IServiceCollection services)
    {
        services.AddOptions<SecretProtectionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretProtectionOptions>, SecretProtectionOptionsValidator>());
        services.TryAddSingleton<ISecretProtector, AesGcmSecretProtector>();
        return services;
    }
}
