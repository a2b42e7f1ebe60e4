using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Notifications;

/// <summary>
/// Hands each event to every registered <see cref="IIntegrationEventSubscriber"/>; a failing subscriber is logged, never
/// fatal. Subscribers are resolved when an event is published, not with the services that publish: one that cannot be
/// constructed (a dependency it cannot get) is logged and fails no change, nor the resolution of those services.
/// </summary>
internal sealed class IntegrationEventPublisher
{
    private readonly IServiceProvider _services;
    private readonly ILogger<IntegrationEventPublisher> _logger;

    /// <summary>Creates the publisher.</summary>
    /// <param name="services">The scope's services, which hold the host's subscribers in registration order.</param>
    /// <param name="logger">The logger.</param>
    public IntegrationEventPublisher(IServiceProvider services, ILogger<IntegrationEventPublisher> logger)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Publishes an event to every subscriber, one after the other. Never throws because of a subscriber.</summary>
    /// <param name="integrationEvent">What happened.</param>
    /// <param name="cancellationToken">A token that can be used to abort the subscribers.</param>
    /// <returns>A task that completes when every subscriber ran.</returns>
    public async Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        IIntegrationEventSubscriber[] subscribers;
        try
        {
            subscribers = [.. _services.GetServices<IIntegrationEventSubscriber>()];
        }
#pragma warning disable CA1031 // A host's subscriber must never undo or fail a change that is already stored.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.SubscribersUnavailable(exception, integrationEvent.Kind, integrationEvent.IntegrationId);
            return;
        }

        foreach (var subscriber in subscribers)
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
