using System.Diagnostics.CodeAnalysis;
using Integrations.Acl;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Declares the host's API resources and its anonymous guest access on an <see cref="IntegrationsBuilder"/>.</summary>
public static class IntegrationsBuilderAclExtensions
{
    /// <summary>
    /// Declares resources in code. Can be combined with configuration and called several times: declarations of the
    /// same id describe one resource (see <see cref="ResourceDeclaration"/>).
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="declare">Declares the top-level resources and, nested, their children.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder AddResources(this IntegrationsBuilder builder, Action<ResourceTreeBuilder> declare)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(declare);
        builder.Services.Configure<ResourceAclOptions>(options => declare(new ResourceTreeBuilder(options.Resources)));
        return builder;
    }

    /// <summary>Configures the resource ACL in code (for example <see cref="ResourceAclOptions.AllowAnonymousGuestAccess"/>).</summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="configure">The configuration.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder ConfigureAcl(this IntegrationsBuilder builder, Action<ResourceAclOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Reads the resource ACL from a configuration section, and again whenever the configuration reloads: a valid new
    /// tree applies to the next decision; an invalid one is refused (the reload reports an
    /// <see cref="OptionsValidationException"/>) and the tree in force stays.
    /// <code>
    /// "Acl": {
    ///   "AllowAnonymousGuestAccess": false,
    ///   "Resources": [
    ///     { "Id": "Magento_Catalog::catalog", "Title": "Catalog", "Children": [
    ///       { "Id": "Magento_Catalog::products", "Title": "Products", "GuestEligible": true } ] } ]
    /// }
    /// </code>
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="section">The section, for example <c>configuration.GetSection("Integrations:Acl")</c>.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder ConfigureAcl(this IntegrationsBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddSingleton<IOptionsChangeTokenSource<ResourceAclOptions>>(new ConfigurationChangeTokenSource<ResourceAclOptions>(section));
        builder.Services.Configure<ResourceAclOptions>(options => AclConfigurationReader.Read(section, options));
        return builder;
    }

    /// <summary>Replaces the default <see cref="GuestAccessSetting"/> with the host's own source of the guest-access switch.</summary>
    /// <typeparam name="TSetting">The host's implementation, registered as a singleton.</typeparam>
    /// <param name="builder">The integrations builder.</param>
    /// <returns>The builder.</returns>
    public static IntegrationsBuilder UseGuestAccessSetting<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSetting>(this IntegrationsBuilder builder)
        where TSetting : class, IGuestAccessSetting
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IGuestAccessSetting, TSetting>());
        return builder;
    }
}
