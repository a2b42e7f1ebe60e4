using Microsoft.Extensions.Logging;

namespace Integrations.Notifications;

/// <summary>Hands each event to every registered <see cref="IIntegrationEventSubscriber"/>; a failing subscriber is logged, never fatal.</summary>
internal sealed class IntegrationEventPublisher
{
    private readonly IIntegrationEventSubscriber[] _subscribers;
    private readonly ILogger<IntegrationEventPublisher> _logger;

    /// <summary>Creates the publisher.</summary>
    /// <param name="subscribers">The host's subscribers, in registration order.</param>
    /// <param name="logger">The logger.</param>
    public IntegrationEventPublisher(IEnumerable<IIntegrationEventSubscriber> subscribers, ILogger<IntegrationEventPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        _subscribers = [.. subscribers];
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Publishes an event to every subscriber, one after the other. Never throws because of a subscriber.</summary>
    /// <param name="integrationEvent">What happened.</param>
    /// <param name="cancellationToken">A token that can be used to abort the subscribers.</param>
    /// <returns>A task that completes when every subscriber ran.</returns>
    public async Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber.HandleAsync(integrationEvent, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A host's subscriber must never undo or fail a change that is already stored.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _logger.SubscriberFailed(exception, subscriber.GetType().FullName ?? subscriber.GetType().Name, integrationEvent.Kind, integrationEvent.IntegrationId);
            }
        }
    }
}
