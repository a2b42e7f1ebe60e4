using System.Collections.Concurrent;
using Integrations.Client.Connections;
using Integrations.Client.Onboarding;

namespace Integrations.Samples.ThirdParty;

/// <summary>
/// What the app shows about each shop: the package's onboarding events (received, connected, reauthorized, failed)
/// and the last API call. Right after a shop connects or reauthorizes, it makes a first API call, as an integration
/// does once connected.
/// </summary>
public sealed partial class ConnectionStatuses(IServiceScopeFactory scopes, ILogger<ConnectionStatuses> logger) : IIntegrationConnectionObserver
{
    private readonly ConcurrentDictionary<string, ConnectionStatus> statuses = new(StringComparer.Ordinal);

    /// <summary>Every status, by consumer key.</summary>
    public IReadOnlyCollection<ConnectionStatus> All => statuses.Values.OrderBy(s => s.ConsumerKey, StringComparer.Ordinal).ToArray();

    /// <summary>The status of a consumer key, or <see langword="null"/>.</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <returns>The status.</returns>
    public ConnectionStatus? Find(string consumerKey) => statuses.GetValueOrDefault(consumerKey);

    /// <summary>Records the result of an API call.</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <param name="call">The call.</param>
    public void Record(string consumerKey, ShopApiCall call)
    {
        while (statuses.TryGetValue(consumerKey, out var status) && !statuses.TryUpdate(consumerKey, status with { LastApiCall = call }, status))
        {
        }
    }

    /// <inheritdoc />
    public async Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionEvent);
        if (connectionEvent.ConsumerKey is not { } consumerKey || connectionEvent.StoreBaseUrl is not { } store
            || (connectionEvent.Kind == IntegrationConnectionEventKind.Failed
                && !(statuses.TryGetValue(consumerKey, out var current) && current.State == "received" && current.StoreBaseUrl == store)))
        {
            return; // a refused POST, not a connection this app was making: the package logged why
        }

        var state = connectionEvent.Kind switch
        {
            IntegrationConnectionEventKind.Received => "received",
            IntegrationConnectionEventKind.Failed => "failed",
            _ => "connected",
        };
        ShopApiCall? firstCall = null;
        if (state == "connected")
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<IIntegrationConnectionStore>().FindAsync(consumerKey, cancellationToken) is { } connection)
            {
                firstCall = await scope.ServiceProvider.GetRequiredService<ShopApiClient>().GetAsync(connection, ShopApiClient.Products, cancellationToken);
                LogFirstCall(logger, store, consumerKey, connectionEvent.Kind, firstCall.StatusCode);
            }
        }

        // the state changes once the first call is made, so whoever waits for "connected" sees its outcome
        statuses.AddOrUpdate(
            consumerKey,
            key => new ConnectionStatus(key, store, state) { Error = connectionEvent.Reason, LastApiCall = firstCall },
            (_, status) => status with { StoreBaseUrl = store, State = state, Error = connectionEvent.Reason, LastApiCall = firstCall ?? status.LastApiCall });
    }

    [LoggerMessage(1, LogLevel.Information, "Shop {StoreBaseUrl}, consumer {ConsumerKey}: {Kind}; first API call answered {StatusCode}")]
    private static partial void LogFirstCall(ILogger logger, Uri storeBaseUrl, string consumerKey, IntegrationConnectionEventKind kind, int statusCode);
}
