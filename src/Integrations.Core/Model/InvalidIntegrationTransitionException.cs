namespace Integrations.Model;

/// <summary>An action is not allowed in the integration's current state (for example reauthorizing an inactive integration).</summary>
public sealed class InvalidIntegrationTransitionException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The current state.</param>
    /// <param name="trigger">The rejected action.</param>
    /// <param name="message">The user-readable reason.</param>
    internal InvalidIntegrationTransitionException(IntegrationStatus status, IntegrationTrigger trigger, string message)
        : base(message)
    {
        Status = status;
        Trigger = trigger;
    }

    /// <summary>The state the integration was in.</summary>
    public IntegrationStatus Status { get; }

    /// <summary>The rejected action.</summary>
    public IntegrationTrigger Trigger { get; }
}
