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
    public static IntegrationsBuilder UseInMemoryStores(this IntegrationsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<InMemoryNonceStore>();
        builder.Services.TryAddSingleton<InMemoryIntegrationStore>();
        builder.Services.TryAddSingleton<INonceStore>(sp => sp.GetRequiredService<InMemoryNonceStore>());
        builder.Services.TryAddSingleton<IIntegrationStore>(sp => sp.GetRequiredService<InMemoryIntegrationStore>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SecretProtectionOptions>, EphemeralSecretKeySetup>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<StorageOptions>, NeverWaitingStorageSetup>());
        return builder;
    }
}
