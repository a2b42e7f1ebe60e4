using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations;

/// <summary>
/// Configures the integrations library in a host's service collection. Returned by
/// <see cref="IntegrationsServiceCollectionExtensions.AddIntegrations(IServiceCollection, Action{IntegrationsOptions}?)"/>;
/// storage and host adapters add their own methods to it.
/// </summary>
public sealed class IntegrationsBuilder
{
    /// <summary>Creates the builder.</summary>
    /// <param name="services">The host's services.</param>
    public IntegrationsBuilder(IServiceCollection services) =>
        Services = services ?? throw new ArgumentNullException(nameof(services));

    /// <summary>The host's services.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IServiceCollection Services { get; }

    /// <summary>Configures the host-wide options. Safe to call several times.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder Configure(Action<IntegrationsOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Configures the keys that encrypt stored secrets.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder ConfigureSecretProtection(Action<SecretProtectionOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Registers the host's admin password check (required by save, delete and reveal).</summary>
    /// <typeparam name="TVerifier">The host's implementation.</typeparam>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder UseAdminPasswordVerifier<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TVerifier>()
        where TVerifier : class, IAdminPasswordVerifier
    {
        Services.Replace(ServiceDescriptor.Scoped<IAdminPasswordVerifier, TVerifier>());
        return this;
    }
}
