using Integrations.Activation;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations;

/// <summary>Configures the activation handshake.</summary>
public static class IntegrationsBuilderActivationExtensions
{
    /// <summary>
    /// Configures how credentials are posted to callback URLs (store base URL, timeout, https requirement) and the
    /// identity link's success callback. Safe to call several times.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="configure">The configuration.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder ConfigureActivation(this IntegrationsBuilder builder, Action<ActivationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
