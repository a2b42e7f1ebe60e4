using Integrations.Model;

namespace Integrations.Stores;

/// <summary>
/// The one write path of the integration aggregate: every service that changes an integration (the admin service, the
/// token exchange, the reconciler of declared integrations, the expiry of token exchanges) loads it, applies its change
/// and saves it here. A change of <see cref="Integration.Status"/> names the <see cref="IntegrationTrigger"/> that makes
/// it and is decided by <see cref="IntegrationStateMachine"/> (a status the trigger does not lead to is refused, as is a
/// trigger the current state does not allow); every save carries a new concurrency stamp and is a compare-and-swap on
/// the stamp it was decided on, so a change made meanwhile by anyone else fails with
/// <see cref="IntegrationConcurrencyException"/> and changes nothing. What to do then (report it, read again and decide
/// again, retry) stays with the caller, whose answer to a conflict is part of its behaviour.
/// </summary>
internal sealed class IntegrationWriter
{
    private readonly IIntegrationStore _store;

    public IntegrationWriter(IIntegrationStore store) => _store = store;

    /// <summary>Loads an integration to change (or <see langword="null"/> when it does not exist).</summary>
    public ValueTask<Integration?> FindAsync(Guid id, CancellationToken cancellationToken) => _store.FindByIdAsync(id, cancellationToken);

    /// <summary>Saves a new integration, which starts <see cref="IntegrationStatus.Inactive"/>, with its first stamp.</summary>
    /// <returns>The integration as stored.</returns>
    /// <exception cref="DuplicateIntegrationException">A unique value is taken.</exception>
    public async Task<Integration> CreateAsync(Integration integration, CancellationToken cancellationToken)
    {
        if (integration.Status != IntegrationStatus.Inactive)
        {
            throw new InvalidOperationException($"A new integration starts {IntegrationStatus.Inactive}, not {integration.Status}.");
        }

        var created = integration with { ConcurrencyToken = NewStamp() };
        await _store.CreateAsync(created, cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>
    /// Saves a change. A change of the status names the trigger that makes it: the state machine decides whether the
    /// trigger is allowed in the current state, and the changed integration has the status the trigger leads to, or
    /// still the current one when the transition is made in steps (a reauthorize keeps the integration active until
    /// its callback has accepted the new credentials). A change of the status without a trigger, or to another status
    /// than the trigger's, is a defect of the caller and refused with <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <param name="current">The integration as read, whose stamp the change was decided on.</param>
    /// <param name="trigger">The action that moves the integration, or <see langword="null"/> for a change that keeps its status (an edit of its fields, new credentials).</param>
    /// <param name="changed">The integration after the change (its stamp is replaced).</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The integration as stored.</returns>
    /// <exception cref="InvalidIntegrationTransitionException">The action is not allowed in the current state.</exception>
    /// <exception cref="IntegrationConcurrencyException">The integration changed meanwhile, or no longer exists.</exception>
    public async Task<Integration> SaveAsync(Integration current, IntegrationTrigger? trigger, Integration changed, CancellationToken cancellationToken)
    {
        if (current.Id != changed.Id || trigger == IntegrationTrigger.Delete)
        {
            throw new InvalidOperationException($"A change of integration {current.Id} is saved as that integration ({changed.Id} given), and a deletion through DeleteAsync.");
        }

        var transition = trigger is { } action ? IntegrationStateMachine.Transition(current, action) : null;
        if (changed.Status != current.Status && changed.Status != transition?.To)
        {
            // a defect of the caller, not a user's action: the status is the state machine's to decide
            throw new InvalidOperationException(transition is null
                ? $"The integration '{current.Name}' cannot go from {current.Status} to {changed.Status} without a trigger of the state machine."
                : $"The integration '{current.Name}' cannot go from {current.Status} to {changed.Status} by {transition.Trigger}, which leads to {transition.To?.ToString() ?? "its deletion"}.");
        }

        var saved = changed with { ConcurrencyToken = NewStamp() };
        await _store.UpdateAsync(saved, current.ConcurrencyToken, cancellationToken).ConfigureAwait(false);
        return saved;
    }

    /// <summary>Deletes an integration (the state machine's <see cref="IntegrationTrigger.Delete"/>), on the stamp it was read with.</summary>
    /// <exception cref="IntegrationConcurrencyException">The integration changed meanwhile, or no longer exists.</exception>
    public async Task DeleteAsync(Integration current, CancellationToken cancellationToken)
    {
        IntegrationStateMachine.Transition(current, IntegrationTrigger.Delete);
        await _store.DeleteAsync(current, current.ConcurrencyToken, cancellationToken).ConfigureAwait(false);
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
