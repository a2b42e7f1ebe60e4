using System.Net.Http;
using System.Text.RegularExpressions;
using Integrations.Client.Connections;
using Integrations.Client.Diagnostics;
using Integrations.Client.Errors;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Integrations.Client.Onboarding;

/// <summary>
/// Runs each queued token exchange in turn, stores the connection (secrets encrypted), replaces the credentials the
/// connection-signed clients use, and tells the observers: connected, reauthorized or failed with the reason.
/// </summary>
internal sealed partial class TokenExchangeWorker(
    TokenExchangeQueue queue,
    IServiceScopeFactory scopes,
    IntegrationTokenExchanger exchanger,
    ISecretProtector protector,
    IntegrationConnectionCredentialsProvider credentials,
    TimeProvider time,
    IOptions<IntegrationsClientOptions> options,
    ILogger<TokenExchangeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var received in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await RunAsync(received, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one exchange to its end (never throws but for <paramref name="stoppingToken"/>).</summary>
    internal async Task RunAsync(ReceivedCredentials received, CancellationToken stoppingToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using var disposeScope = scope.ConfigureAwait(false);
        var store = scope.ServiceProvider.GetRequiredService<IIntegrationConnectionStore>();
        var publisher = scope.ServiceProvider.GetRequiredService<ConnectionEventPublisher>();
        IntegrationConnectionEvent outcome;
        using var timeout = new CancellationTokenSource(options.Value.ExchangeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            var (token, secret) = await exchanger.ExchangeAsync(received, linked.Token).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var existing = await store.FindAsync(received.ConsumerKey, linked.Token).ConfigureAwait(false);
            await store.SaveAsync(
                new IntegrationConnection
                {
                    ConsumerKey = received.ConsumerKey,
                    StoreBaseUrl = received.StoreBaseUrl,
                    ProtectedConsumerSecret = protector.Protect(received.ConsumerSecret),
                    ProtectedAccessToken = protector.Protect(token),
                    ProtectedAccessTokenSecret = protector.Protect(secret),
                    ConnectedAt = existing?.ConnectedAt ?? now,
                    AuthorizedAt = now,
                },
                linked.Token).ConfigureAwait(false);
            credentials.Forget(received.ConsumerKey);
            var kind = existing is null ? IntegrationConnectionEventKind.Connected : IntegrationConnectionEventKind.Reauthorized;
            logger.ExchangeSucceeded(kind.ToString(), received.ConsumerKey, received.StoreBaseUrl);
            outcome = new IntegrationConnectionEvent { Kind = kind, ConsumerKey = received.ConsumerKey, StoreBaseUrl = received.StoreBaseUrl, At = now };
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            var reason = exception switch
            {
                OperationCanceledException or TimeoutRejectedException => $"The shop did not answer the token exchange within {options.Value.ExchangeTimeout.TotalSeconds:0.#} s.",
                HttpRequestException => $"The shop could not be reached: {WithoutUserInfo(exception.Message)}", // a proxy's URL in it may carry its password
                OAuthRejectedException or InvalidDataException => exception.Message,
                _ => $"The connection could not be completed: {exception.GetType().Name}.",
            };
            logger.ExchangeFailed(received.ConsumerKey, received.StoreBaseUrl, reason);
            outcome = new IntegrationConnectionEvent
            {
                Kind = IntegrationConnectionEventKind.Failed,
                ConsumerKey = received.ConsumerKey,
                StoreBaseUrl = received.StoreBaseUrl,
                Reason = reason,
                Exception = exception,
                At = time.GetUtcNow(),
            };
        }

        await publisher.PublishAsync(outcome, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Removes the user info (<c>user:password@</c>) of every URL in a message (.NET names the proxy a request went through with it).</summary>
    private static string WithoutUserInfo(string message) => UrlUserInfo().Replace(message, string.Empty);

    [GeneratedRegex(@"(?<=[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s@']+@")]
    private static partial Regex UrlUserInfo();
}
