using Integrations.AspNetCore.Authentication;
using Integrations.AspNetCore.Security;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations.AspNetCore;

/// <summary>Adds the ASP.NET Core adapter on an <see cref="IntegrationsBuilder"/>.</summary>
public static class IntegrationsAspNetCoreBuilderExtensions
{
    /// <summary>
    /// Adds the integrations authentication scheme under <see cref="IntegrationsAuthenticationDefaults.AuthenticationScheme"/>
    /// and the authorization behind <see cref="Authorization.IntegrationResourceAttribute"/> and <c>RequireIntegrationResources</c>.
    /// The scheme does not become the default scheme: endpoints opt in with the attribute or <c>RequireIntegrationResources</c>.
    /// Safe to call several times.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder UseAspNetCore(this IntegrationsBuilder builder) =>
        builder.UseAspNetCore(IntegrationsAuthenticationDefaults.AuthenticationScheme, configure: null);

    /// <summary>
    /// Adds the integrations authentication scheme as <see cref="UseAspNetCore(IntegrationsBuilder)"/> does and
    /// configures its options. Safe to call several times; every <paramref name="configure"/> given is applied.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="configure">Configures the scheme's options.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder UseAspNetCore(this IntegrationsBuilder builder, Action<IntegrationsAuthenticationOptions> configure) =>
        builder.UseAspNetCore(IntegrationsAuthenticationDefaults.AuthenticationScheme, configure);

    /// <summary>
    /// Adds the integrations authentication scheme under <paramref name="authenticationScheme"/>, as
    /// <see cref="UseAspNetCore(IntegrationsBuilder, string, Action{IntegrationsAuthenticationOptions}?)"/> does without options to configure.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The scheme was already added under another name.</exception>
    public static IntegrationsBuilder UseAspNetCore(this IntegrationsBuilder builder, string authenticationScheme) =>
        builder.UseAspNetCore(authenticationScheme, configure: null);

    /// <summary>
    /// Adds the integrations authentication scheme under <paramref name="authenticationScheme"/>, e.g. <c>"ShopOAuth"</c>
    /// next to the host's own schemes. The name reaches everything the adapter does: the policy of
    /// <see cref="Authorization.IntegrationResourceAttribute"/> and <c>RequireIntegrationResources</c>, the challenge
    /// and forbid answers, the token endpoints' realm, and the options the admin shows. Safe to call several times with
    /// the same name; every <paramref name="configure"/> given is applied.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Configures the scheme's options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The scheme was already added under another name.</exception>
    public static IntegrationsBuilder UseAspNetCore(this IntegrationsBuilder builder, string authenticationScheme, Action<IntegrationsAuthenticationOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(authenticationScheme);
        var services = builder.Services;
        var registered = services.FirstOrDefault(d => d.ServiceType == typeof(IntegrationsAuthenticationScheme))?.ImplementationInstance as IntegrationsAuthenticationScheme;
        if (registered is null || registered.Name != authenticationScheme)
        {
            services.AddAuthentication().AddIntegrationsOAuth(authenticationScheme, _ => { }); // throws for a second name
            services.AddAuthorization();
        }

        if (configure is not null)
        {
            services.Configure(authenticationScheme, configure);
        }

        return builder;
    }

    /// <summary>
    /// Protects stored secrets with ASP.NET Core Data Protection (<see cref="DataProtectionSecretProtector"/>) instead of
    /// the default AES-GCM key ring, whose <see cref="SecretProtectionOptions"/> are then neither needed nor checked.
    /// Adds Data Protection's services if the host has not; configure its key ring (persistence, protection of the keys,
    /// application name) with <c>services.AddDataProtection()</c> as for the rest of the host: a key ring kept only in
    /// memory loses every stored secret at restart. Switch before the first integration is created: secrets protected
    /// by one protector cannot be read by the other (reauthorize integrations to re-issue theirs).
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder UseDataProtectionSecretProtection(this IntegrationsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddDataProtection();
        services.Replace(ServiceDescriptor.Singleton<ISecretProtector, DataProtectionSecretProtector>());
        services.Configure<SecretProtectionOptions>(o => o.KeyRingUnused = true); // checked whenever the AES-GCM validator is added
        return builder;
    }
}
