namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// Lets a host observe or adjust what the integrations handler does. Each delegate defaults to doing nothing.
/// </summary>
public class IntegrationsAuthenticationEvents
{
    private static readonly Func<IntegrationValidatedContext, Task> NoValidationHandler = _ => Task.CompletedTask;

    /// <summary>
    /// Raised after an integration was authenticated and its principal built: add claims, or call
    /// <see cref="Microsoft.AspNetCore.Authentication.ResultContext{TOptions}.Fail(string)"/> to refuse it.
    /// </summary>
    public Func<IntegrationValidatedContext, Task> OnIntegrationValidated { get; set; } = NoValidationHandler;

    /// <summary>
    /// Whether raising <see cref="IntegrationValidated"/> can do anything: a derived class may override it, else only a
    /// delegate the host set counts. When not, the handler does not make the event's context for each request.
    /// </summary>
    internal bool ObservesValidation => GetType() != typeof(IntegrationsAuthenticationEvents) || OnIntegrationValidated != NoValidationHandler;

    /// <summary>
    /// Raised before the handler writes its 400/401 answer; call
    /// <see cref="IntegrationsChallengeContext.HandleResponse"/> to write your own.
    /// </summary>
    public Func<IntegrationsChallengeContext, Task> OnChallenge { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnIntegrationValidated"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The event's task.</returns>
    public virtual Task IntegrationValidated(IntegrationValidatedContext context) => OnIntegrationValidated(context);

    /// <summary>Invokes <see cref="OnChallenge"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The event's task.</returns>
    public virtual Task Challenge(IntegrationsChallengeContext context) => OnChallenge(context);
}
