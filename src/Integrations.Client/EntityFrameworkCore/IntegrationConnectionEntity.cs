namespace Integrations.Client.EntityFrameworkCore;

/// <summary>The row of one connection (secrets encrypted). Mapped by <see cref="IntegrationConnectionsModelBuilderExtensions.ApplyIntegrationConnectionsConfiguration"/>.</summary>
public sealed class IntegrationConnectionEntity
{
    /// <summary>The consumer key (primary key).</summary>
    public string ConsumerKey { get; set; } = string.Empty;

    /// <summary>The store base URL.</summary>
    public string StoreBaseUrl { get; set; } = string.Empty;

    /// <summary>The encrypted consumer secret.</summary>
    public string ProtectedConsumerSecret { get; set; } = string.Empty;

    /// <summary>The encrypted access token.</summary>
    public string ProtectedAccessToken { get; set; } = string.Empty;

    /// <summary>The encrypted access token secret.</summary>
    public string ProtectedAccessTokenSecret { get; set; } = string.Empty;

    /// <summary>When the shop first connected (UTC ticks, ordered and comparable on every provider).</summary>
    public long ConnectedAtUtcTicks { get; set; }

    /// <summary>When the access token was last obtained (UTC ticks).</summary>
    public long AuthorizedAtUtcTicks { get; set; }
}
