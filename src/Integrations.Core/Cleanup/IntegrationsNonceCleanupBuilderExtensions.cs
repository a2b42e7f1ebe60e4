using Integrations.Cleanup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Adds the background removal of expired nonces to an <see cref="IntegrationsBuilder"/>.</summary>
public static class IntegrationsNonceCleanupBuilderExtensions
{
    /// <summary>
    /// Runs <see cref="NonceCleanupService"/> as a hosted service, over whichever <see cref="Stores.INonceStore"/>
    /// is registered. Database stores add it themselves. Safe to call several times.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="configure">Configures the interval and batch size.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder AddNonceCleanup(this IntegrationsBuilder builder, Action<NonceCleanupOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        if (builder.Services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(NonceCleanupService)))
        {
            return builder; // ValidateOnStart adds a registration per call: register once
        }

        builder.Services.AddOptions<NonceCleanupOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NonceCleanupOptions>, NonceCleanupOptionsValidator>());
        builder.Services.AddSingleton<IHostedService, NonceCleanupService>();
        return builder;
    }
}
