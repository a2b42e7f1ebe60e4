using Integrations.OAuth.Signing;

namespace Integrations.OAuth;

/// <summary>
/// What a client signs an outgoing request with (<see cref="IOAuthSigner.CreateAuthorizationHeader"/>): the consumer
/// credentials, optionally a token, and the optional protocol values of the token exchange.
/// <see cref="ToString"/> never shows a secret. Reuse one instance for the requests of one set of credentials: from its
/// second signing on, it keeps its keyed HMAC state, so a signature costs no key setup. That state is derived from the
/// secrets the instance holds and lives as long as the instance; like the secret strings themselves, it is not zeroed
/// when the instance is dropped.
/// </summary>
public sealed class OAuthClientCredentials
{
    private HmacKey? _reusableKey;
    private int _signings;

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

    /// <summary>
    /// The keyed HMAC state of these credentials, or <see langword="null"/> on their first signing (an instance made
    /// for one request, as a per-request provider does, costs nothing extra). Thread-safe; the properties are
    /// init-only, so the key cannot go stale.
    /// </summary>
    internal HmacKey? ReusableKey()
    {
        if (Volatile.Read(ref _reusableKey) is { } key)
        {
            return key;
        }

        return Interlocked.Increment(ref _signings) < 2 ? null : HmacKey.GetOrCreate(ref _reusableKey, SignatureMethod, ConsumerSecret, TokenSecret);
    }

    /// <inheritdoc />
    public override string ToString() => $"OAuth client credentials for consumer {ConsumerKey}";
}
