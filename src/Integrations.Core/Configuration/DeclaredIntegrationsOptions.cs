using Integrations.Model;

namespace Integrations.Configuration;

/// <summary>
/// The integrations a host declares in configuration or code (Magento's <c>integration.xml</c>). At start-up each
/// is created if absent and reconciled in place when its declaration changed; its credentials survive every
/// redeploy, and admins cannot edit or delete it. Validated at start-up.
/// </summary>
public sealed class DeclaredIntegrationsOptions
{
    /// <summary>
    /// The declarations by key. The key identifies the integration for good (it may be renamed through
    /// <see cref="IntegrationDraft.Name"/> without losing its credentials); keys compare case-insensitively, like
    /// configuration keys.
    /// </summary>
    public IDictionary<string, IntegrationDraft> Integrations { get; } = new Dictionary<string, IntegrationDraft>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether an integration whose declaration was removed is handed over to the admins at start-up (it becomes a
    /// manual integration they can edit or delete, credentials kept). Off by default, so that several hosts sharing
    /// one store need not all carry every declaration; while off, such an integration stays read-only.
    /// </summary>
    public bool ReleaseUndeclared { get; set; }

    /// <summary>Problems found while reading declarations from configuration, reported by the start-up validation.</summary>
    internal List<string> ReadErrors { get; } = [];
}
