using Integrations.Storage.EfCore.Stores;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Storage.EfCore;

/// <summary>Chooses the Entity Framework Core stores on an <see cref="IntegrationsBuilder"/>.</summary>
public static class IntegrationsEfCoreBuilderExtensions
{
    /// <summary>
    /// Stores integrations and nonces in the host's <typeparamref name="TContext"/> (registered by the host with
    /// <c>AddDbContextPool</c>, advised for busy hosts, or <c>AddDbContext</c>; its <c>OnModelCreating</c> must call
    /// <see cref="IntegrationsModelBuilderExtensions.ApplyIntegrationsConfiguration(ModelBuilder)"/>). The stores are scoped, like the
    /// context. Concurrent nonce writes are batched (<see cref="StorageOptions.BatchNonces"/>: one statement and one commit
    /// per batch). Also runs the background cleanup of expired nonces
    /// (<see cref="IntegrationsBuilder.AddNonceCleanup"/>). Safe to call several times.
    /// </summary>
    /// <typeparam name="TContext">The host's context type.</typeparam>
    /// <param name="builder">The integrations builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">Other stores (in memory, or of another context) were chosen before.</exception>
    public static IntegrationsBuilder UseEntityFrameworkCoreStores<TContext>(this IntegrationsBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.FirstOrDefault(d => d.ServiceType == typeof(IIntegrationStore)) is { } chosen && chosen.ImplementationType != typeof(EfCoreIntegrationStore<TContext>))
        {
            throw new InvalidOperationException($"Other integrations stores are already chosen: choose either the stores of {typeof(TContext).Name} or another once.");
        }

        builder.Services.TryAddScoped<IIntegrationStore, EfCoreIntegrationStore<TContext>>();
        builder.Services.TryAddScoped<INonceStore, EfCoreNonceStore<TContext>>();
        if (!builder.Services.Any(d => d.ServiceType == typeof(IValidateOptions<ContextRegistered<TContext>>)))
        {
            builder.Services.AddOptions<ContextRegistered<TContext>>()
                .Validate<IServiceProviderIsService>(static (_, registered) => registered.IsService(typeof(TContext)), ContextRegistered<TContext>.Missing)
                .ValidateOnStart();
        }
        if (!builder.Services.Any(d => d.ImplementationType == typeof(BatchNoncesSetup)))
        {
            // the stores' default, set before any configuration of the host (whenever the stores are chosen): the host's own setting wins
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<StorageOptions>, BatchNoncesSetup>());
        }

        return builder.AddNonceCleanup();
    }
}
