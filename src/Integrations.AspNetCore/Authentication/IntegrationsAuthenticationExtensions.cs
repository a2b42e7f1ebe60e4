using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// Adds the integrations authentication scheme to an <see cref="AuthenticationBuilder"/>. Most hosts call
/// <see cref="IntegrationsAspNetCoreBuilderExtensions.UseAspNetCore(IntegrationsBuilder, Action{IntegrationsAuthenticationOptions}?)"/>
/// instead; use these to register the scheme next to other schemes. Either way the scheme comes with the authorization
/// behind <see cref="IntegrationResourceAttribute"/> and <c>RequireIntegrationResources</c>, and its name (recorded
/// in <see cref="IntegrationsAuthenticationScheme"/>) is the one they, the token endpoints and the challenge use. One
/// integrations scheme per host.
/// </summary>
public static class IntegrationsAuthenticationExtensions
{
    /// <summary>Adds the scheme under <see cref="IntegrationsAuthenticationDefaults.AuthenticationScheme"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddIntegrationsOAuth(this AuthenticationBuilder builder) =>
        builder.AddIntegrationsOAuth(IntegrationsAuthenticationDefaults.AuthenticationScheme, _ => { });

    /// <summary>Adds the scheme under <see cref="IntegrationsAuthenticationDefaults.AuthenticationScheme"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Configures the scheme's options.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddIntegrationsOAuth(this AuthenticationBuilder builder, Action<IntegrationsAuthenticationOptions> configure) =>
        builder.AddIntegrationsOAuth(IntegrationsAuthenticationDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the scheme under a name of your choice.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Configures the scheme's options.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddIntegrationsOAuth(this AuthenticationBuilder builder, string authenticationScheme, Action<IntegrationsAuthenticationOptions> configure) =>
        builder.AddIntegrationsOAuth(authenticationScheme, IntegrationsAuthenticationDefaults.DisplayName, configure);

    /// <summary>Adds the scheme under a name and display name of your choice.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="displayName">The scheme's display name.</param>
    /// <param name="configure">Configures the scheme's options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">An integrations scheme is already registered under another name.</exception>
    public static AuthenticationBuilder AddIntegrationsOAuth(this AuthenticationBuilder builder, string authenticationScheme, string? displayName, Action<IntegrationsAuthenticationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(authenticationScheme);
        var services = builder.Services;
        var registered = services.FirstOrDefault(d => d.ServiceType == typeof(IntegrationsAuthenticationScheme))?.ImplementationInstance as IntegrationsAuthenticationScheme;
        if (registered is not null)
        {
            throw new InvalidOperationException(registered.Name == authenticationScheme
                ? $"The integrations scheme '{authenticationScheme}' is already registered; configure it with services.Configure<IntegrationsAuthenticationOptions>(\"{authenticationScheme}\", …)."
                : $"The integrations scheme is already registered as '{registered.Name}'; a host has one integrations scheme, so it cannot also be '{authenticationScheme}'.");
        }

        services.AddSingleton(new IntegrationsAuthenticationScheme(authenticationScheme));
        services.TryAddSingleton<FrameworkCategoryLoggerFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, IntegrationResourcesAuthorizationHandler>());
        services.AddHttpContextAccessor(); // the resource check also runs from MVC filters and in code, where the request is not the resource
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AuthorizationOptions>, IntegrationsSchemePolicy>());
        DecorateDefaultResultHandler(services);
        return builder.AddScheme<IntegrationsAuthenticationOptions, IntegrationsAuthenticationHandler>(authenticationScheme, displayName, configure);
    }

    /// <summary>
    /// Puts <see cref="IntegrationsSchemeLastResultHandler"/> around ASP.NET Core's own result handler (registered now
    /// or by a later <c>AddAuthorization</c>, which then finds one and adds none). A host's own result handler is left
    /// as it is.
    /// </summary>
    private static void DecorateDefaultResultHandler(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        if (registered is null || registered.ImplementationType == typeof(AuthorizationMiddlewareResultHandler))
        {
            if (registered is not null)
            {
                services.Remove(registered);
            }

            services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => new IntegrationsSchemeLastResultHandler(
                new AuthorizationMiddlewareResultHandler(), sp.GetRequiredService<IntegrationsAuthenticationScheme>()));
        }
    }
}
