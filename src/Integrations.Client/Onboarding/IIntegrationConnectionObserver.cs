namespace Integrations.Client.Onboarding;

/// <summary>
/// Told when credentials are received and when a connection is made, reauthorized or fails (register any number as services). An observer that throws
/// is logged and does not stop the others or the onboarding.
/// </summary>
public interface IIntegrationConnectionObserver
{
    /// <summary>Handles one event.</summary>
    /// <param name="connectionEvent">What happened.</param>
    /// <param name="cancellationToken">A token that can be used to abort.</param>
    /// <returns>A task that completes when it is handled.</returns>
    Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken);
}
