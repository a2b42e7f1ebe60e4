namespace Integrations.Model;

/// <summary>
/// The whole lifecycle of an integration as one explicit table.
/// <list type="table">
/// <listheader><term>state</term><description>Activate · Reauthorize · CompleteExchange · ExpireExchange · Delete</description></listheader>
/// <item><term>Inactive</term><description>Active (or PendingExchange with a callback URL) · rejected · rejected · rejected · deleted</description></item>
/// <item><term>Active</term><description>rejected · Active (or PendingExchange with a callback URL) · rejected · rejected · deleted</description></item>
/// <item><term>PendingExchange</term><description>Active (or PendingExchange again: credentials re-sent) · rejected · Active · Inactive · deleted</description></item>
/// </list>
/// </summary>
internal static class IntegrationStateMachine
{
    /// <summary>Computes the transition for an action, or explains why it is not allowed.</summary>
    /// <param name="integration">The integration in its current state.</param>
    /// <param name="trigger">The action.</param>
    /// <returns>The permitted transition.</returns>
    /// <exception cref="InvalidIntegrationTransitionException">The action is not allowed in the current state.</exception>
    public static IntegrationTransition Transition(Integration integration, IntegrationTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return Transition(integration.Name, integration.Status, trigger, integration.UsesTokenExchange);
    }

    /// <summary>Computes the transition for an action, or explains why it is not allowed.</summary>
    /// <param name="name">The integration's name, for the error message.</param>
    /// <param name="status">The current state.</param>
    /// <param name="trigger">The action.</param>
    /// <param name="usesTokenExchange">Whether the integration has a callback URL to post credentials to.</param>
    /// <returns>The permitted transition.</returns>
    /// <exception cref="InvalidIntegrationTransitionException">The action is not allowed in the current state.</exception>
    public static IntegrationTransition Transition(string name, IntegrationStatus status, IntegrationTrigger trigger, bool usesTokenExchange) =>
        TryTarget(status, trigger, usesTokenExchange, out var to)
            ? new IntegrationTransition(status, trigger, to)
            : throw new InvalidIntegrationTransitionException(status, trigger, Explain(name, status, trigger));

    /// <summary>Whether an action is allowed in the integration's current state (the test <see cref="Transition(Integration, IntegrationTrigger)"/> makes, without an exception).</summary>
    internal static bool Permits(Integration integration, IntegrationTrigger trigger) =>
        TryTarget(integration.Status, trigger, integration.UsesTokenExchange, out _);

    /// <summary>The table: whether the action is allowed, and the state it leads to (<see langword="null"/>: deleted).</summary>
    private static bool TryTarget(IntegrationStatus status, IntegrationTrigger trigger, bool usesTokenExchange, out IntegrationStatus? to)
    {
        var authorized = usesTokenExchange ? IntegrationStatus.PendingExchange : IntegrationStatus.Active;
        (var allowed, to) = (status, trigger) switch
        {
            (_, IntegrationTrigger.Delete) => (true, (IntegrationStatus?)null),
            (IntegrationStatus.Inactive or IntegrationStatus.PendingExchange, IntegrationTrigger.Activate) => (true, authorized),
            (IntegrationStatus.Active, IntegrationTrigger.Reauthorize) => (true, authorized),
            (IntegrationStatus.PendingExchange, IntegrationTrigger.CompleteExchange) => (true, IntegrationStatus.Active),
            (IntegrationStatus.PendingExchange, IntegrationTrigger.ExpireExchange) => (true, IntegrationStatus.Inactive),
            _ => (false, null),
        };
        return allowed;
    }

    private static string Explain(string name, IntegrationStatus status, IntegrationTrigger trigger) => (status, trigger) switch
    {
        (IntegrationStatus.Active, IntegrationTrigger.Activate) =>
            $"The integration '{name}' is already active. Reauthorize it to issue new tokens.",
        (IntegrationStatus.Inactive, IntegrationTrigger.Reauthorize) =>
            $"The integration '{name}' is not active. Activate it first.",
        (IntegrationStatus.PendingExchange, IntegrationTrigger.Reauthorize) =>
            $"The integration '{name}' is waiting for its token exchange. Activate it again to resend the credentials.",
        (_, IntegrationTrigger.CompleteExchange) =>
            $"The integration '{name}' is not waiting for a token exchange.",
        (_, IntegrationTrigger.ExpireExchange) =>
            $"The integration '{name}' has no token exchange to expire.",
        _ => $"The integration '{name}' cannot {trigger} while {status}.",
    };
}
