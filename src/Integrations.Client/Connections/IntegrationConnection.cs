namespace Integrations.Client.Connections;

/// <summary>
/// One shop's integration as the third party holds it after onboarding: the consumer key the shop issued, the shop's
/// base URL, and the consumer secret, access token and access token secret, each encrypted by an
/// <see cref="Integrations.Security.ISecretProtector"/> as the shop stores its own. Immutable: a reauthorization stores a
/// new instance under the same consumer key. <see cref="ToString"/> shows no secret.
/// </summary>
public sealed record IntegrationConnection
{
    /// <summary>The consumer key (32 characters; the connection's identity).</summary>
    public required string ConsumerKey { get; init; }

    /// <summary>The shop's base URL (<c>store_base_url</c> of the credentials POST, ending with <c>/</c>); the token endpoints and API lie below it.</summary>
    public required Uri StoreBaseUrl { get; init; }

    /// <summary>The consumer secret, encrypted.</summary>
    public required string ProtectedConsumerSecret { get; init; }

    /// <summary>The access token, encrypted.</summary>
    public required string ProtectedAccessToken { get; init; }

    /// <summary>The access token secret, encrypted.</summary>
    public required string ProtectedAccessTokenSecret { get; init; }

    /// <summary>When the shop first connected (the first successful exchange for this consumer key).</summary>
    public required DateTimeOffset ConnectedAt { get; init; }

    /// <summary>When the access token was last obtained (equal to <see cref="ConnectedAt"/> until a reauthorization).</summary>
    public required DateTimeOffset AuthorizedAt { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"Connection to {StoreBaseUrl} as consumer {ConsumerKey}";
}
