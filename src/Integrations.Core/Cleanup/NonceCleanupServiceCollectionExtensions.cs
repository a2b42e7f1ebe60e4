using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integrations.Cleanup;

/// <summary>Registers the background removal of expired nonces (called by <see cref="IntegrationsBuilder.AddNonceCleanup"/>).</summary>
internal static class NonceCleanupServiceCollectionExtensions
{
    /// <summary>Runs <see cref="NonceCleanupService"/> as a hosted service with validated <see cref="NonceCleanupOptions"/>. Idempotent.</summary>
    public static IServiceCollection AddNonceCleanupService(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(NonceCleanupService)))
        {
            return services; // ValidateOnStart adds a registration per call: register once
        }

        services.AddOptions<NonceCleanupOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NonceCleanupOptions>, NonceCleanupOptionsValidator>());
        services.AddSingleton<IHostedService, NonceCleanupService>();
        return services;
    }
}
