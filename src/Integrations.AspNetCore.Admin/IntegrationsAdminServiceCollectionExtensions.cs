using Integrations.AspNetCore.Admin.Endpoints;
using Integrations.AspNetCore.Admin.Messages;
using Integrations.AspNetCore.Admin.Security;
using Integrations.AspNetCore.Admin.Settings;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Admin;

/// <summary>Adds the integrations admin pages' services.</summary>
public static class IntegrationsAdminServiceCollectionExtensions
{
    private const string HostVerifierKey = "Integrations.AspNetCore.Admin.HostVerifier";

    /// <summary>
    /// Adds the integrations admin: Razor components, localization, antiforgery and the password lockout around the
    /// host's <see cref="IAdminPasswordVerifier"/>. Call it after <c>AddIntegrations().UseAdminPasswordVerifier&lt;T&gt;()</c>;
    /// then map the pages with <c>MapIntegrationsAdmin</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the layout, the lockout and the page sizes.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="IAdminPasswordVerifier"/> is registered yet.</exception>
    public static IServiceCollection AddIntegrationsAdmin(this IServiceCollection services, Action<IntegrationsAdminOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<IntegrationsAdminOptions>().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegrationsAdminOptions>, IntegrationsAdminOptionsValidator>());
        services.AddRazorComponents();
        services.AddAntiforgery();
        services.AddLocalization();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AdminPasswordLockout>();
        services.TryAddSingleton<AdminPasswordChecks>();
        services.TryAddSingleton<FlashMessages>();
        services.TryAddScoped<AdminSettingsReader>();
        services.TryAddScoped<AdminPages>();
        WrapHostVerifier(services);
        return services;
    }

    /// <summary>Moves the host's verifier behind a key and puts the gated one (lockout, bounded concurrency) in its place.</summary>
    private static void WrapHostVerifier(IServiceCollection services)
    {
        if (services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, HostVerifierKey)))
        {
            return;
        }

        var host = services.LastOrDefault(d => d.ServiceType == typeof(IAdminPasswordVerifier) && !d.IsKeyedService)
            ?? throw new InvalidOperationException(
                "The integrations admin confirms actions with the host's admin password: call AddIntegrations().UseAdminPasswordVerifier<T>() before AddIntegrationsAdmin().");
        services.RemoveAll<IAdminPasswordVerifier>();
        services.Add(host switch
        {
            { ImplementationInstance: { } instance } => new ServiceDescriptor(typeof(IAdminPasswordVerifier), HostVerifierKey, instance),
            { ImplementationFactory: { } factory } => new ServiceDescriptor(typeof(IAdminPasswordVerifier), HostVerifierKey, (provider, _) => factory(provider), host.Lifetime),
            _ => new ServiceDescriptor(typeof(IAdminPasswordVerifier), HostVerifierKey, host.ImplementationType!, host.Lifetime),
        });
        services.Add(new ServiceDescriptor(
            typeof(IAdminPasswordVerifier),
            provider => new GatedAdminPasswordVerifier(
                provider.GetRequiredKeyedService<IAdminPasswordVerifier>(HostVerifierKey),
                provider.GetRequiredService<AdminPasswordChecks>()),
            host.Lifetime == ServiceLifetime.Singleton ? ServiceLifetime.Singleton : ServiceLifetime.Scoped));
    }
}
