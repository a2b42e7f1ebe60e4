using Integrations.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Integrations.Client.Onboarding;

/// <summary>Counts the event, then tells every <see cref="IIntegrationConnectionObserver"/> in turn; one that throws is logged and skipped.</summary>
internal sealed class ConnectionEventPublisher(IEnumerable<IIntegrationConnectionObserver> observers, IntegrationsClientMetrics metrics, ILogger<ConnectionEventPublisher> logger)
{
    public async Task PublishAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken)
    {
        metrics.RecordOnboarding(connectionEvent.Kind);
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnConnectionEventAsync(connectionEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.ObserverFailed(exception, connectionEvent.Kind.ToString(), connectionEvent.ConsumerKey);
            }
        }
    }
}
