using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integrations.Configuration;

/// <summary>Registers the declared integrations and their reconciliation at start-up (called once by <c>AddIntegrations</c>).</summary>
internal static class DeclaredIntegrationsServiceCollectionExtensions
{
    public static IServiceCollection AddDeclaredIntegrations(this IServiceCollection services)
    {
        services.AddOptions<DeclaredIntegrationsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeclaredIntegrationsOptions>, DeclaredIntegrationsOptionsValidator>());
        services.TryAddScoped<DeclaredIntegrationReconciler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DeclaredIntegrationsStartup>());
        return services;
    }
}
