using System.Diagnostics;

namespace Integrations.Diagnostics;

/// <summary>
/// The library's <see cref="ActivitySource"/> (distributed tracing), named <see cref="IntegrationsTelemetry.ActivitySourceName"/>. Spans:
/// <list type="bullet">
/// <item><c>integrations.oauth.validate</c>: one OAuth 1.0a request validation, tagged with the flow, the outcome and,
/// when accepted, the integration id; a rejection sets the status to error with the problem code.</item>
/// <item><c>integrations.activate</c> / <c>integrations.reauthorize</c>: an admin's Allow or Reauthorize, around the
/// callback POST (whose HTTP span is its child).</item>
/// <item><c>integrations.token_exchange</c>: a request-token or access-token exchange.</item>
/// </list>
/// Tags use the names of <see cref="IntegrationsMetrics"/>; no key, token or secret is ever a tag. With no listener
/// no span is created.
/// </summary>
internal static class IntegrationsActivitySource
{
    /// <summary>The source's name.</summary>
    public const string Name = IntegrationsTelemetry.ActivitySourceName;

    /// <summary>The tag carrying the integration's id.</summary>
    public const string IntegrationIdTag = "integrations.integration_id";

    /// <summary>The source.</summary>
    internal static ActivitySource Source { get; } = new(Name, typeof(IntegrationsActivitySource).Assembly.GetName().Version?.ToString());
}
