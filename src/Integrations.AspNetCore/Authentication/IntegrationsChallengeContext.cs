using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Authentication;

/// <summary>
/// The context of <see cref="IntegrationsAuthenticationEvents.OnChallenge"/>: the answer the handler is about to
/// write, which the event may change or replace.
/// </summary>
public sealed class IntegrationsChallengeContext : PropertiesContext<IntegrationsAuthenticationOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="properties">The challenge's properties.</param>
    /// <param name="answer">The answer the handler is about to write.</param>
    public IntegrationsChallengeContext(
        HttpContext context,
        AuthenticationScheme scheme,
        IntegrationsAuthenticationOptions options,
        AuthenticationProperties? properties,
        IntegrationsErrorAnswer answer)
        : base(context, scheme, options, properties) =>
        Answer = answer ?? throw new ArgumentNullException(nameof(answer));

    /// <summary>The answer the handler is about to write (status, Magento message, OAuth problem code).</summary>
    public IntegrationsErrorAnswer Answer { get; set; }

    /// <summary>Whether the event wrote the response itself, so the handler writes nothing.</summary>
    public bool Handled { get; private set; }

    /// <summary>Tells the handler the response was written by the event.</summary>
    public void HandleResponse() => Handled = true;
}
