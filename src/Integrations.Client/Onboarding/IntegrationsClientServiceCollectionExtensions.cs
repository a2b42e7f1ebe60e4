using System.Net;
using System.Net.Http;
using Integrations.Client.Connections;
using Integrations.Client.Diagnostics;
using Integrations.Client.Signing;
using Integrations.OAuth;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Integrations.Client.Onboarding;

/// <summary>Adds the third party's onboarding: the receiver's services, the token exchange, the connection store and the connection credentials.</summary>
public static class IntegrationsClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <see cref="IntegrationsCallbackEndpointRouteBuilderExtensions.MapIntegrationsCallback"/> needs: validated
    /// <see cref="IntegrationsClientOptions"/>, the token exchange (a named <see cref="IHttpClientFactory"/> client with
    /// per-attempt and total timeouts, and retries of what the shop never processed: refused connections and 503), the
    /// secret protector (<see cref="SecretProtectionOptions"/>, as on the shop side), the in-memory connection store
    /// unless another <see cref="IIntegrationConnectionStore"/> is registered, and
    /// <see cref="IntegrationConnectionCredentialsProvider"/> for <c>AddHttpClient&lt;T&gt;().AddIntegrationsOAuthSigning&lt;IntegrationConnectionCredentialsProvider&gt;()</c>.
    /// Safe to call several times.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Configures the options (at least the expected shops).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddIntegrationsClient(this IServiceCollection services, Action<IntegrationsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IntegrationsClientOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(TokenExchangeQueue)))
        {
            return services;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegrationsClientOptions>, IntegrationsClientOptionsValidator>());
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton<IntegrationsClientMetrics>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOAuthSigner>(sp => new OAuthSigner(sp.GetRequiredService<TimeProvider>()));
        services.AddIntegrationsSecretProtection();
        services.TryAddSingleton<IIntegrationConnectionStore, InMemoryIntegrationConnectionStore>();
        services.TryAddSingleton<IntegrationConnectionCredentialsProvider>();
        services.AddSingleton<TokenExchangeQueue>();
        services.TryAddSingleton<IntegrationTokenExchanger>();
        services.TryAddScoped<ConnectionEventPublisher>();
        services.TryAddScoped<CallbackReceiver>();
        services.TryAddSingleton<TokenExchangeWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenExchangeWorker>());

        var exchange = services.AddHttpClient(IntegrationTokenExchanger.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan); // the exchange's own timeouts apply, not HttpClient's 100 s
        exchange.AddResilienceHandler("integrations-token-exchange", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<IntegrationsClientOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(500),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    // only what the shop never processed: a token call must not run twice
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
                        || args.Outcome.Result?.StatusCode == HttpStatusCode.ServiceUnavailable),
                });
                pipeline.AddTimeout(settings.ExchangeAttemptTimeout);
            });
        exchange.AddIntegrationsOAuthSigning(PerRequestCredentialsProvider.Instance, signing => signing.ThrowOnRejection = false);
        return services;
    }
}
