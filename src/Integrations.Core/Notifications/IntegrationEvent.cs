using Integrations.Model;

namespace Integrations.Notifications;

/// <summary>
/// Something that happened to an integration, for a host to e-mail, audit or forward. It carries no credential
/// of any kind: look the integration up by <see cref="IntegrationId"/> if more is needed.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="IntegrationId">The integration.</param>
/// <param name="Name">The integration's name.</param>
/// <param name="Email">The integration's contact e-mail address, or <see langword="null"/>.</param>
/// <param name="Status">The integration's status after the change (for <see cref="IntegrationEventKind.Deleted"/>: before it).</param>
/// <param name="SetupType">Whether an admin or configuration created the integration.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="AdminId">The acting admin, when the action required a password confirmation; otherwise <see langword="null"/>.</param>
public sealed record IntegrationEvent(
    IntegrationEventKind Kind,
    Guid IntegrationId,
    string Name,
    string? Email,
    IntegrationStatus Status,
    IntegrationSetupType SetupType,
    DateTimeOffset OccurredAt,
    string? AdminId = null)
{
    /// <summary>Whether the integration now waits for the third party's token exchange.</summary>
    public bool ExchangePending => Status == IntegrationStatus.PendingExchange;

    /// <summary>Describes an event for an integration as it is now.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="integration">The integration after the change (for a delete: as it was).</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="adminId">The acting admin, if known.</param>
    /// <returns>The event.</returns>
    public static IntegrationEvent For(IntegrationEventKind kind, Integration integration, DateTimeOffset occurredAt, string? adminId = null)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return new(kind, integration.Id, integration.Name, integration.Email, integration.Status, integration.SetupType, occurredAt, adminId);
    }
}
