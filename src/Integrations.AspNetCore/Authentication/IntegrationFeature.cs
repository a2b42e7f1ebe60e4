using Integrations.Model;

namespace Integrations.AspNetCore.Authentication;

/// <summary>Holds the integration authenticated for the current request (see <see cref="IntegrationsHttpContextExtensions.GetIntegration"/>).</summary>
internal sealed class IntegrationFeature(Integration integration)
{
    public Integration Integration { get; } = integration;
}
