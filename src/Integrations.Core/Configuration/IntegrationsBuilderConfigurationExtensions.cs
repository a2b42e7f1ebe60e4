using Integrations.Configuration;
using Integrations.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations;

/// <summary>Declares integrations in configuration or code.</summary>
public static class IntegrationsBuilderConfigurationExtensions
{
    /// <summary>
    /// Declares the integrations listed in a configuration section, one child per integration keyed by a stable
    /// key: <c>Name</c>, <c>Email</c>, <c>CallbackUrl</c>, <c>IdentityLinkUrl</c>, <c>ResourceAccess</c>
    /// (<c>All</c> or <c>Custom</c>), <c>Resources</c> (an array of resource ids) and <c>BearerTokenAllowed</c>.
    /// <c>Name</c> defaults to the key. They are reconciled when the host starts.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="section">The section, for example <c>configuration.GetSection("Integrations:Declared")</c>.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder AddDeclaredIntegrations(this IntegrationsBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<DeclaredIntegrationsOptions>(options => DeclaredIntegrationsReader.Read(section, options));
        return builder;
    }

    /// <summary>Declares one integration in code. It is reconciled when the host starts.</summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="key">The stable key that identifies it for good, even when renamed.</param>
    /// <param name="declare">Fills in its name, e-mail, URLs and resources.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder DeclareIntegration(this IntegrationsBuilder builder, string key, Action<IntegrationDraft> declare)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(declare);
        builder.Services.Configure<DeclaredIntegrationsOptions>(options =>
        {
            var draft = new IntegrationDraft { Name = key };
            declare(draft);
            options.Integrations[key] = draft;
        });
        return builder;
    }

    /// <summary>Configures the declared integrations (for example <see cref="DeclaredIntegrationsOptions.ReleaseUndeclared"/>).</summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="configure">The configuration.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder ConfigureDeclaredIntegrations(this IntegrationsBuilder builder, Action<DeclaredIntegrationsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
