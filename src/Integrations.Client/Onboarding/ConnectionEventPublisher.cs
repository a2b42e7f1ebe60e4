using Integrations.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Integrations.Client.Onboarding;

/// <summary>Tells every <see cref="IIntegrationConnectionObserver"/> in turn; one that throws is logged and skipped.</summary>
internal sealed class ConnectionEventPublisher(IEnumerable<IIntegrationConnectionObserver> observers, ILogger<ConnectionEventPublisher> logger)
{
    public async Task PublishAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken)
    {
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
