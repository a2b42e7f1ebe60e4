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
    /// <summary>What observers are told of credentials the application stopped before exchanging (their verifier is spent).</summary>
    private const string Stopped = "The application stopped before the token exchange ended; reauthorize the integration in the shop.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var received in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunAsync(received, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // the shop was told 200 and the observers Received for each: none is dropped without a word
        foreach (var left in queue.Close())
        {
            await PublishAsync(Failed(left, Stopped, exception: null), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one exchange to its end and tells the observers its outcome (never throws; stopping the application ends it as failed).</summary>
    internal async Task RunAsync(ReceivedCredentials received, CancellationToken stoppingToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using var disposeScope = scope.ConfigureAwait(false);
        var store = scope.ServiceProvider.GetRequiredService<IIntegrationConnectionStore>();
        var publisher = scope.ServiceProvider.GetRequiredService<ConnectionEventPublisher>();
        IntegrationConnectionEvent outcome;
        try
        {
            var existing = await store.FindAsync(received.ConsumerKey, stoppingToken).ConfigureAwait(false);
            if (existing is not null && existing.StoreBaseUrl != received.StoreBaseUrl)
            {
                // a consumer key is the shop's that issued it: credentials for it from another shop (which learned it from
                // a signed request, where any shop is accepted) must not redirect the connection and its signed calls
                outcome = Failed(received, $"The consumer key is connected to another shop ({existing.StoreBaseUrl}); credentials for it are taken from that shop only.", exception: null);
            }
            else
            {
                outcome = await ConnectAsync(received, existing, store, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (stoppingToken.IsCancellationRequested)
        {
            outcome = Failed(received, Stopped, exception);
        }
        catch (Exception exception)
        {
            outcome = Failed(received, exception switch
            {
                // Polly's per-call timeout (ExchangeAttemptTimeout) is not the whole exchange's (ExchangeTimeout): the reason names the one that ran out
                TimeoutRejectedException => $"The shop did not answer a token exchange call within {options.Value.ExchangeAttemptTimeout.TotalSeconds:0.###} s.",
                OperationCanceledException => $"The shop did not answer the token exchange within {options.Value.ExchangeTimeout.TotalSeconds:0.#} s.",
                HttpRequestException => $"The shop could not be reached: {WithoutUserInfo(exception.Message)}", // a proxy's URL in it may carry its password
                OAuthRejectedException or InvalidDataException => exception.Message,
                _ => $"The connection could not be completed: {exception.GetType().Name}.",
            }, exception);
        }

        await publisher.PublishAsync(outcome, stoppingToken.IsCancellationRequested ? CancellationToken.None : stoppingToken).ConfigureAwait(false);
    }

    private async Task PublishAsync(IntegrationConnectionEvent outcome, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using var disposeScope = scope.ConfigureAwait(false);
        await scope.ServiceProvider.GetRequiredService<ConnectionEventPublisher>().PublishAsync(outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exchanges the credentials within <see cref="IntegrationsClientOptions.ExchangeTimeout"/>, then stores the connection:
    /// the store's own time is not the shop's (the shop has issued the token, and on a reauthorization revoked the old one).
    /// </summary>
    private async Task<IntegrationConnectionEvent> ConnectAsync(ReceivedCredentials received, IntegrationConnection? existing, IIntegrationConnectionStore store, CancellationToken stoppingToken)
    {
        (string Token, string Secret) issued;
        using (var timeout = new CancellationTokenSource(options.Value.ExchangeTimeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token))
        {
            issued = await exchanger.ExchangeAsync(received, linked.Token).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        await store.SaveAsync(
            new IntegrationConnection
            {
                ConsumerKey = received.ConsumerKey,
                StoreBaseUrl = received.StoreBaseUrl,
                ProtectedConsumerSecret = protector.Protect(received.ConsumerSecret),
                ProtectedAccessToken = protector.Protect(issued.Token),
                ProtectedAccessTokenSecret = protector.Protect(issued.Secret),
                ConnectedAt = existing?.ConnectedAt ?? now,
                AuthorizedAt = now,
            },
            stoppingToken).ConfigureAwait(false);
        credentials.Forget(received.ConsumerKey);
        var kind = existing is null ? IntegrationConnectionEventKind.Connected : IntegrationConnectionEventKind.Reauthorized;
        logger.ExchangeSucceeded(kind.ToString(), received.ConsumerKey, received.StoreBaseUrl);
        return new IntegrationConnectionEvent { Kind = kind, ConsumerKey = received.ConsumerKey, StoreBaseUrl = received.StoreBaseUrl, At = now };
    }

    private IntegrationConnectionEvent Failed(ReceivedCredentials received, string reason, Exception? exception)
    {
        logger.ExchangeFailed(received.ConsumerKey, received.StoreBaseUrl, ClientLogText.OneLine(reason)); // the shop's text: its phrase, the answer .NET quotes
        return new IntegrationConnectionEvent
        {
            Kind = IntegrationConnectionEventKind.Failed,
            ConsumerKey = received.ConsumerKey,
            StoreBaseUrl = received.StoreBaseUrl,
            Reason = reason,
            Exception = exception,
            At = time.GetUtcNow(),
        };
    }

    /// <summary>Removes the user info (<c>user:password@</c>) of every URL in a message (.NET names the proxy a request went through with it).</summary>
    private static string WithoutUserInfo(string message) => UrlUserInfo().Replace(message, string.Empty);

    [GeneratedRegex(@"(?<=[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s@']+@")]
    private static partial Regex UrlUserInfo();
}
