namespace Integrations.Notifications;

/// <summary>
/// Implemented by a host to be told when an integration is activated, reauthorized, exchanged or deleted
/// ("the system sends notification that the integration has been authorized"). Register any number with
/// <see cref="IntegrationsBuilder.AddEventSubscriber{TSubscriber}"/>; they run one after the
/// other after the change is stored. A subscriber that throws is logged and does not undo or fail the change.
/// </summary>
public interface IIntegrationEventSubscriber
{
    /// <summary>Handles one event.</summary>
    /// <param name="integrationEvent">What happened.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    ValueTask HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken);
}
