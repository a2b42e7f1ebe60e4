using Integrations.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// Adds the integrations authentication scheme to an <see cref="AuthenticationBuilder"/>. Most hosts call
/// <see cref="IntegrationsAspNetCoreBuilderExtensions.UseAspNetCore"/> instead, which also adds the authorization
/// handler; use these to register the scheme under another name or next to other schemes.
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
    public static AuthenticationBuilder AddIntegrationsOAuth(this AuthenticationBuilder builder, string authenticationScheme, string? displayName, Action<IntegrationsAuthenticationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<FrameworkCategoryLoggerFactory>();
        return builder.AddScheme<IntegrationsAuthenticationOptions, IntegrationsAuthenticationHandler>(authenticationScheme, displayName, configure);
    }
}
