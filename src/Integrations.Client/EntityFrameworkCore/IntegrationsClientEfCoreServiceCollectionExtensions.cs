using Integrations.Client.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations.Client.EntityFrameworkCore;

/// <summary>Chooses the Entity Framework Core connection store.</summary>
public static class IntegrationsClientEfCoreServiceCollectionExtensions
{
    /// <summary>
    /// Stores connections in the app's <typeparamref name="TContext"/> (registered by the app with <c>AddDbContext</c>;
    /// its <c>OnModelCreating</c> calls <see cref="IntegrationConnectionsModelBuilderExtensions.ApplyIntegrationConnectionsConfiguration"/>).
    /// Replaces the in-memory store; call it before or after <c>AddIntegrationsClient</c>.
    /// </summary>
    /// <typeparam name="TContext">The app's context type.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIntegrationConnectionsEntityFrameworkCoreStore<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IIntegrationConnectionStore>();
        services.AddScoped<IIntegrationConnectionStore, EfCoreIntegrationConnectionStore<TContext>>();
        return services;
    }
}
