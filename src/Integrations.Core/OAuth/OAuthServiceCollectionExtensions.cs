using Integrations.OAuth.Signing;
using Integrations.OAuth.Validation;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.OAuth;

/// <summary>Registers the OAuth 1.0a engine (called by <c>AddIntegrations</c>).</summary>
internal static class OAuthServiceCollectionExtensions
{
    /// <summary>Adds the signer, the validated <see cref="OAuthOptions"/>, the request validator and the Bearer token validator. Idempotent.</summary>
    public static IServiceCollection AddOAuthEngine(this IServiceCollection services)
    {
        services.AddOptions<OAuthOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OAuthOptions>, OAuthOptionsValidator>());
        services.TryAddSingleton<IOAuthSigner>(sp => new OAuthSigner(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<OAuthOptions>>().Value));
        services.TryAddSingleton<OAuthKeyCache>();
        services.TryAddSingleton<OAuthRefusalLog>();
        services.TryAddSingleton<RequestOrigin>();
        services.AddOptions<StorageOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton<StorageAvailability>();
        services.TryAddSingleton<NonceRecorder>();
        services.TryAddScoped<ScopedStores>();
        services.TryAddScoped<IOAuthRequestValidator, OAuthRequestValidator>();
        services.TryAddScoped<IBearerTokenValidator, BearerTokenValidator>();
        return services;
    }
}
