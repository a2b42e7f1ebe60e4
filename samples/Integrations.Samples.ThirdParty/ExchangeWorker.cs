namespace Integrations.Samples.ThirdParty;

/// <summary>
/// Runs each queued token exchange, stores the access token, and makes a first API call to the shop, as an
/// integration does right after it is connected.
/// </summary>
internal sealed partial class ExchangeWorker(
    PendingExchanges queue,
    ShopConnections connections,
    IServiceScopeFactory scopes,
    ILogger<ExchangeWorker> logger) : BackgroundService
{
    /// <summary>The API the third party calls once connected.</summary>
    public const string FirstCall = "rest/V1/products";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var received in queue.ReadAllAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            var client = scope.ServiceProvider.GetRequiredService<ShopOAuthClient>();
            ShopConnection result;
            try
            {
                var connected = await client.ExchangeAsync(received, stoppingToken);
                result = connected with { LastApiCall = await client.GetAsync(connected, FirstCall, stoppingToken) };
                LogConnected(logger, received.StoreBaseUrl, received.ConsumerKey, result.LastApiCall.StatusCode);
            }
            catch (Exception exception) when (exception is ShopRefusedException or HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                result = received with { State = "failed", Error = exception.Message };
                LogFailed(logger, received.StoreBaseUrl, received.ConsumerKey, exception.Message);
            }

            connections.TryUpdate(received, result);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Connected to {StoreBaseUrl} as consumer {ConsumerKey}; first API call answered {StatusCode}")]
    private static partial void LogConnected(ILogger logger, Uri storeBaseUrl, string consumerKey, int statusCode);

    [LoggerMessage(2, LogLevel.Warning, "Token exchange with {StoreBaseUrl} as consumer {ConsumerKey} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Uri storeBaseUrl, string consumerKey, string reason);
}
