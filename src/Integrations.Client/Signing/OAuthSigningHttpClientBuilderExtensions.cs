using System.Diagnostics.CodeAnalysis;
using Integrations.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Client.Signing;

/// <summary>Adds OAuth 1.0a signing to an <see cref="System.Net.Http.IHttpClientFactory"/> client.</summary>
public static class OAuthSigningHttpClientBuilderExtensions
{
    /// <summary>
    /// Signs every request of this client (<c>services.AddHttpClient&lt;ShopApi&gt;(…).AddIntegrationsOAuthSigning()</c>)
    /// with the credentials of the registered <see cref="IOAuthCredentialsProvider"/>. Add a resilience or retry handler
    /// before this call, so that each attempt is signed anew.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddIntegrationsOAuthSigning(this IHttpClientBuilder builder) =>
        builder.AddIntegrationsOAuthSigning(static _ => { });

    /// <summary>Signs every request of this client with the credentials of the registered <see cref="IOAuthCredentialsProvider"/>.</summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="configure">Configures this client's signing options.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddIntegrationsOAuthSigning(this IHttpClientBuilder builder, Action<OAuthSigningOptions> configure) =>
        builder.AddSigning(services => services.GetRequiredService<IOAuthCredentialsProvider>(), configure);

    /// <summary>Signs every request of this client with the credentials of <paramref name="credentials"/>.</summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="credentials">This client's credentials provider.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddIntegrationsOAuthSigning(this IHttpClientBuilder builder, IOAuthCredentialsProvider credentials) =>
        builder.AddIntegrationsOAuthSigning(credentials, static _ => { });

    /// <summary>Signs every request of this client with the credentials of <paramref name="credentials"/>.</summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="credentials">This client's credentials provider.</param>
    /// <param name="configure">Configures this client's signing options.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddIntegrationsOAuthSigning(this IHttpClientBuilder builder, IOAuthCredentialsProvider credentials, Action<OAuthSigningOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return builder.AddSigning(_ => credentials, configure);
    }

    /// <summary>
    /// Signs every request of this client with the credentials of <typeparamref name="TProvider"/>, resolved from the
    /// services (registered as a singleton if it is not registered yet).
    /// </summary>
    /// <typeparam name="TProvider">This client's credentials provider.</typeparam>
    /// <param name="builder">The client's builder.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddIntegrationsOAuthSigning<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IHttpClientBuilder builder)
        where TProvider : class, IOAuthCredentialsProvider =>
        builder.AddIntegrationsOAuthSigning<TProvider>(static _ => { });

    /// <summary>Signs every request of this client with the credentials of <typeparamref name="TProvider"/> (registered as a singleton if it is not registered yet).</summary>
    /// <typeparam name="TProvider">This client's credentials provider.</typeparam>
    /// <param name="builder">The client's builder.</param>
    /// <param name="configure">Configures this client's signing options.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddIntegrationsOAuthSigning<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IHttpClientBuilder builder, Action<OAuthSigningOptions> configure)
        where TProvider : class, IOAuthCredentialsProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TProvider>();
        return builder.AddSigning(services => services.GetRequiredService<TProvider>(), configure);
    }

    private static IHttpClientBuilder AddSigning(this IHttpClientBuilder builder, Func<IServiceProvider, IOAuthCredentialsProvider> credentials, Action<OAuthSigningOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IOAuthSigner>(services => new OAuthSigner(services.GetRequiredService<TimeProvider>()));
        builder.Services.AddOptions<OAuthSigningOptions>(builder.Name).Configure(configure);

        var name = builder.Name;
        return builder.AddHttpMessageHandler(services => new OAuthSigningHandler(
            name,
            credentials(services),
            services.GetRequiredService<IOAuthSigner>(),
            services.GetRequiredService<IOptionsMonitor<OAuthSigningOptions>>().Get(name)));
    }
}
