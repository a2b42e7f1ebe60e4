namespace Integrations.OAuth;

/// <summary>
/// What a client signs an outgoing request with (<see cref="IOAuthSigner.CreateAuthorizationHeader"/>): the consumer
/// credentials, optionally a token, and the optional protocol values of the token exchange.
/// <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class OAuthClientCredentials
{
    /// <summary>The consumer key.</summary>
    public required string ConsumerKey { get; init; }

    /// <summary>The consumer secret.</summary>
    public required string ConsumerSecret { get; init; }

    /// <summary>The request or access token, or <see langword="null"/> for the request-token call.</summary>
    public string? Token { get; init; }

    /// <summary>The secret of <see cref="Token"/>, or <see langword="null"/>.</summary>
    public string? TokenSecret { get; init; }

    /// <summary>The signature method (default HMAC-SHA256, what Magento 2.4.4+ requires).</summary>
    public OAuthSignatureMethod SignatureMethod { get; init; } = OAuthSignatureMethod.HmacSha256;

    /// <summary>The <c>oauth_verifier</c> of the access-token call, or <see langword="null"/>.</summary>
    public string? Verifier { get; init; }

    /// <summary>The <c>oauth_callback</c> of the request-token call, or <see langword="null"/>.</summary>
    public string? Callback { get; init; }

    /// <summary>The unsigned <c>realm</c> of the header (printable ASCII, written as a quoted-string), or <see langword="null"/>.</summary>
    public string? Realm { get; init; }

    /// <summary>A fixed nonce, or <see langword="null"/> for a fresh random one (fix it only in tests).</summary>
    public string? Nonce { get; init; }

    /// <summary>A fixed timestamp (seconds since the epoch), or <see langword="null"/> for the signer's clock (fix it only in tests).</summary>
    public long? Timestamp { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"OAuth client credentials for consumer {ConsumerKey}";
}
