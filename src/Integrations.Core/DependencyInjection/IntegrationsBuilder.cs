using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Integrations.Acl;
using Integrations.Activation;
using Integrations.Cleanup;
using Integrations.Configuration;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>
/// Configures the integrations library in a host's service collection: the one place where its options are set, its
/// resources and integrations declared and the host's own parts plugged in. Returned by
/// <see cref="IntegrationsServiceCollectionExtensions.AddIntegrations(IServiceCollection, Action{IntegrationsOptions}?)"/>;
/// storage and host adapters add their own methods to it. Every method may be called several times.
/// </summary>
public sealed class IntegrationsBuilder
{
    /// <summary>The subsection of <see cref="Configure(IConfiguration)"/> bound to <see cref="OAuthOptions"/>.</summary>
    public const string OAuthSection = "OAuth";

    /// <summary>The subsection of <see cref="Configure(IConfiguration)"/> bound to <see cref="ActivationOptions"/>.</summary>
    public const string ActivationSection = "Activation";

    /// <summary>The subsection of <see cref="Configure(IConfiguration)"/> bound to <see cref="StorageOptions"/>.</summary>
    public const string StorageSection = "Storage";

    /// <summary>Creates the builder.</summary>
    /// <param name="services">The host's services.</param>
    public IntegrationsBuilder(IServiceCollection services) =>
        Services = services ?? throw new ArgumentNullException(nameof(services));

    /// <summary>The host's services.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IServiceCollection Services { get; }

    /// <summary>Configures the host-wide options.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder Configure(Action<IntegrationsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Binds the library's options from one configuration section, read once at start: the section itself to
    /// <see cref="IntegrationsOptions"/>, its <see cref="OAuthSection"/> subsection to <see cref="OAuthOptions"/>,
    /// <see cref="ActivationSection"/> to <see cref="ActivationOptions"/> and <see cref="StorageSection"/> to
    /// <see cref="StorageOptions"/>. Values are validated at start-up like options set in code; a key a subsection's
    /// options do not have (a misspelling, or a removed setting) stops the start with an error that names it.
    /// <code>
    /// "Integrations": {
    ///   "TokenExchangeWindow": "00:05:00",
    ///   "OAuth": { "TimestampWindow": "00:10:00", "AllowHmacSha1": false, "NonceMinLength": 16 },
    ///   "Activation": { "StoreBaseUrl": "https://shop.example/", "CallbackTimeout": "00:00:05" },
    ///   "Storage": { "OperationTimeout": "00:00:05" }
    /// }
    /// </code>
    /// </summary>
    /// <param name="section">The section, for example <c>configuration.GetSection("Integrations")</c>.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder Configure(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Services.Configure<IntegrationsOptions>(section);
        Services.Configure<ActivationOptions>(section.GetSection(ActivationSection), RefuseUnknownKeys);
        Services.Configure<StorageOptions>(section.GetSection(StorageSection), RefuseUnknownKeys);
        return ConfigureOAuth(section.GetSection(OAuthSection));
    }

    /// <summary>
    /// Configures the OAuth 1.0a validator in one place: accepted signature methods, timestamp window, nonce lengths,
    /// request limits, the public base URL behind a proxy and the diagnostics mode.
    /// </summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder ConfigureOAuth(Action<OAuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Binds <see cref="OAuthOptions"/> from a configuration section (property names as keys, time spans as
    /// <c>hh:mm:ss</c>), read once at start. Validated at start-up; a key <see cref="OAuthOptions"/> does not have (a
    /// misspelling, or the removed <c>TrustForwardedHeaders</c>: use ASP.NET Core's forwarded headers) stops the start.
    /// </summary>
    /// <param name="section">The section, for example <c>configuration.GetSection("Integrations:OAuth")</c>.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder ConfigureOAuth(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Services.Configure<OAuthOptions>(section, RefuseUnknownKeys);
        return this;
    }

    /// <summary>Makes binding fail on a key the options do not have, so a misspelt or removed setting is not silently ignored.</summary>
    private static void RefuseUnknownKeys(BinderOptions binder) => binder.ErrorOnUnknownConfiguration = true;

    /// <summary>Configures the keys that encrypt stored secrets.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder ConfigureSecretProtection(Action<SecretProtectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Configures how credentials are posted to callback URLs (store base URL, timeout, https requirement) and the
    /// identity link's success callback.
    /// </summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder ConfigureActivation(Action<ActivationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Configures how long the request path waits for the stores and how it batches nonce writes.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder ConfigureStorage(Action<StorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
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

    /// <summary>
    /// Declares resources in code. Can be combined with configuration: declarations of the same id describe one
    /// resource (as Magento merges the <c>acl.xml</c> of its modules): their children merge, the last non-empty title wins,
    /// and the resource is guest-eligible if any declaration says so.
    /// </summary>
    /// <param name="declare">Declares the top-level resources and, nested, their children.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder AddResources(Action<ResourceTreeBuilder> declare)
    {
        ArgumentNullException.ThrowIfNull(declare);
        Services.Configure<ResourceAclOptions>(options => declare(new ResourceTreeBuilder(options.Resources)));
        return this;
    }

    /// <summary>Configures the resource ACL in code (for example <see cref="ResourceAclOptions.AllowAnonymousGuestAccess"/>).</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder ConfigureAcl(Action<ResourceAclOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
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
    /// <param name="section">The section, for example <c>configuration.GetSection("Integrations:Acl")</c>.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder ConfigureAcl(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Services.AddSingleton<IOptionsChangeTokenSource<ResourceAclOptions>>(new ConfigurationChangeTokenSource<ResourceAclOptions>(section));
        Services.Configure<ResourceAclOptions>(options => AclConfigurationReader.Read(section, options));
        return this;
    }

    /// <summary>Replaces the default guest-access switch with the host's own source of it.</summary>
    /// <typeparam name="TSetting">The host's implementation, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder UseGuestAccessSetting<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSetting>()
        where TSetting : class, IGuestAccessSetting
    {
        Services.Replace(ServiceDescriptor.Singleton<IGuestAccessSetting, TSetting>());
        return this;
    }

    /// <summary>
    /// Declares the integrations listed in a configuration section, one child per integration keyed by a stable
    /// key: <c>Name</c>, <c>Email</c>, <c>CallbackUrl</c>, <c>IdentityLinkUrl</c>, <c>ResourceAccess</c>
    /// (<c>All</c> or <c>Custom</c>), <c>Resources</c> (an array of resource ids) and <c>BearerTokenAllowed</c>.
    /// <c>Name</c> defaults to the key. They are reconciled when the host starts.
    /// </summary>
    /// <param name="section">The section, for example <c>configuration.GetSection("Integrations:Declared")</c>.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder AddDeclaredIntegrations(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Services.Configure<DeclaredIntegrationsOptions>(options => DeclaredIntegrationsReader.Read(section, options));
        return this;
    }

    /// <summary>Declares one integration in code. It is reconciled when the host starts.</summary>
    /// <param name="key">The stable key that identifies it for good, even when renamed.</param>
    /// <param name="declare">Fills in its name, e-mail, URLs and resources.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder DeclareIntegration(string key, Action<IntegrationDraft> declare)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(declare);
        Services.Configure<DeclaredIntegrationsOptions>(options =>
        {
            var draft = new IntegrationDraft { Name = key };
            declare(draft);
            options.Integrations[key] = draft;
        });
        return this;
    }

    /// <summary>Configures the declared integrations (for example <see cref="DeclaredIntegrationsOptions.ReleaseUndeclared"/>).</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder ConfigureDeclaredIntegrations(Action<DeclaredIntegrationsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Adds a subscriber told about every activation, reauthorization, token exchange and deletion. Several subscribers
    /// may be added; adding the same type twice registers it once. Subscribers are scoped.
    /// </summary>
    /// <typeparam name="TSubscriber">The host's subscriber.</typeparam>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder AddEventSubscriber<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSubscriber>()
        where TSubscriber : class, IIntegrationEventSubscriber
    {
        Services.TryAddEnumerable(ServiceDescriptor.Scoped<IIntegrationEventSubscriber, TSubscriber>());
        return this;
    }

    /// <summary>
    /// Runs the removal of expired nonces in the background (a hosted service), over whichever
    /// <see cref="INonceStore"/> is registered. Database stores add it themselves.
    /// </summary>
    /// <param name="configure">Configures the interval and batch size.</param>
    /// <returns>This builder.</returns>
    public IntegrationsBuilder AddNonceCleanup(Action<NonceCleanupOptions>? configure = null)
    {
        if (configure is not null)
        {
            Services.Configure(configure);
        }

        Services.AddNonceCleanupService();
        return this;
    }
}
