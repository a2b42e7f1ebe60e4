namespace Integrations.Model;

/// <summary>A permitted move of the state machine.</summary>
/// <param name="From">The state before.</param>
/// <param name="Trigger">The action.</param>
/// <param name="To">The state after, or <see langword="null"/> when the integration is deleted.</param>
internal sealed record IntegrationTransition(IntegrationStatus From, IntegrationTrigger Trigger, IntegrationStatus? To)
{
    /// <summary>Whether the integration no longer exists after the transition.</summary>
    public bool Deletes => To is null;
}
