using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Storage.InMemory;

/// <summary>Chooses the in-memory stores on an <see cref="IntegrationsBuilder"/>.</summary>
public static class IntegrationsInMemoryBuilderExtensions
{
    /// <summary>
    /// Stores integrations and nonces in process memory (thread-safe singletons). Unless keys are configured,
    /// secrets are encrypted with an ephemeral key, which is lost with the process like the data itself.
    /// Safe to call several times.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">Other stores were chosen before (the in-memory ones would not be used, but their ephemeral key would).</exception>
    public static IntegrationsBuilder UseInMemoryStores(this IntegrationsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(IIntegrationStore)) && !builder.Services.Any(d => d.ServiceType == typeof(InMemoryIntegrationStore)))
        {
            throw new InvalidOperationException("Other integrations stores are already chosen: choose either the in-memory stores or another (a database's) once.");
        }

        builder.Services.TryAddSingleton<InMemoryNonceStore>();
        builder.Services.TryAddSingleton<InMemoryIntegrationStore>();
        builder.Services.TryAddSingleton<INonceStore>(sp => sp.GetRequiredService<InMemoryNonceStore>());
        builder.Services.TryAddSingleton<IIntegrationStore>(sp => sp.GetRequiredService<InMemoryIntegrationStore>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SecretProtectionOptions>, EphemeralSecretKeySetup>());
        if (!builder.Services.Any(d => d.ImplementationType == typeof(NeverWaitingStorageSetup)))
        {
            // the stores' default, set before any configuration of the host (whenever the stores are chosen): the host's own setting wins
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<StorageOptions>, NeverWaitingStorageSetup>());
        }

        return builder;
    }
}
