namespace Integrations.Storage.EfCore.Entities;

/// <summary>
/// A row of the <c>integration_nonce</c> table: a nonce used by an integration's consumer key, kept until it expires,
/// as a 128-bit digest of the pair (<see cref="Stores.NonceKey"/>) under the integration's id: two fixed-size keys
/// that the database compares byte by byte, instead of two strings compared by collation.
/// </summary>
internal sealed class NonceEntity
{
    /// <summary>The longest consumer key the store accepts.</summary>
    public const int MaxConsumerKeyLength = 255;

    /// <summary>The longest nonce the store accepts.</summary>
    public const int MaxNonceLength = 255;

    /// <summary>The integration whose consumer key used the nonce (its nonces go when it is deleted).</summary>
    public Guid IntegrationId { get; set; }

    /// <summary>The digest of the consumer key and the nonce (<see cref="Stores.NonceKey.Of"/>).</summary>
    public Guid NonceKey { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
