using Integrations.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Authentication;

/// <summary>The context of <see cref="IntegrationsAuthenticationEvents.OnIntegrationValidated"/>.</summary>
public sealed class IntegrationValidatedContext : ResultContext<IntegrationsAuthenticationOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="integration">The authenticated integration.</param>
    public IntegrationValidatedContext(HttpContext context, AuthenticationScheme scheme, IntegrationsAuthenticationOptions options, Integration integration)
        : base(context, scheme, options) =>
        Integration = integration ?? throw new ArgumentNullException(nameof(integration));

    /// <summary>The authenticated integration.</summary>
    public Integration Integration { get; }
}
