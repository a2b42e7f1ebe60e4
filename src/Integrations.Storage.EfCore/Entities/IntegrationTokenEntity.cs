namespace Integrations.Storage.EfCore.Entities;

/// <summary>A row of the <c>integration_token</c> table: the one token an integration holds (see <see cref="Model.IntegrationToken"/>).</summary>
internal sealed class IntegrationTokenEntity
{
    public Guid IntegrationId { get; set; }

    public int Type { get; set; }

    public string Hash { get; set; } = string.Empty;

    public string ProtectedValue { get; set; } = string.Empty;

    public string ProtectedSecret { get; set; } = string.Empty;

    public DateTimeOffset IssuedAt { get; set; }
}
