namespace Integrations.Storage.EfCore.Entities;

/// <summary>A row of the <c>integration_nonce</c> table: a nonce used by a consumer key, kept until it expires.</summary>
internal sealed class NonceEntity
{
    /// <summary>The longest consumer key the table holds.</summary>
    public const int MaxConsumerKeyLength = 255;

    /// <summary>The longest nonce the table holds.</summary>
    public const int MaxNonceLength = 255;

    public string ConsumerKey { get; set; } = string.Empty;

    public string Nonce { get; set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; set; }
}
