using Integrations.AspNetCore.Authentication;
using Integrations.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore;

/// <summary>Adds the ASP.NET Core adapter on an <see cref="IntegrationsBuilder"/>.</summary>
public static class IntegrationsAspNetCoreBuilderExtensions
{
    /// <summary>
    /// Adds the integrations authentication scheme (<see cref="IntegrationsAuthenticationDefaults.AuthenticationScheme"/>)
    /// and the authorization behind <c>RequireIntegrationResources</c>. The scheme does not become the default
    /// scheme: endpoints opt in with <c>RequireIntegrationResources</c>. Safe to call several times; every
    /// <paramref name="configure"/> given is applied.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="configure">Configures the scheme's options.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder UseAspNetCore(this IntegrationsBuilder builder, Action<IntegrationsAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(IntegrationsAuthenticationDefaults.AuthenticationScheme, configure);
        }

        if (services.Any(d => d.ServiceType == typeof(AspNetCoreMarker)))
        {
            return builder;
        }

        services.AddSingleton<AspNetCoreMarker>();
        services.AddAuthentication().AddIntegrationsOAuth();
        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, IntegrationResourcesAuthorizationHandler>());
        return builder;
    }

    /// <summary>Marks a service collection that already holds the adapter's registrations.</summary>
    private sealed class AspNetCoreMarker;
}
