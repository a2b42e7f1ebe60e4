namespace Integrations.OAuth.Signing;

/// <summary>
/// The HMAC key (<see cref="HmacKey"/>) of one presented credential pair (consumer key + token) and signature method,
/// with what the validator's cache (<see cref="OAuthKeyCache"/>) knows about the pair.
/// </summary>
internal sealed class KeyedHmac : HmacKey
{
    /// <summary>Creates the entry; the key is copied into a pinned buffer and <paramref name="key"/> is left to the caller to clear.</summary>
    public KeyedHmac(string consumerKey, string? tokenHash, string protectedConsumerSecret, string? protectedTokenSecret, OAuthSignatureMethod method, ReadOnlySpan<byte> key, long now)
        : base(method, key)
    {
        ConsumerKey = consumerKey;
        TokenHash = tokenHash;
        ProtectedConsumerSecret = protectedConsumerSecret;
        ProtectedTokenSecret = protectedTokenSecret;
        LastUsed = now;
    }

    /// <summary>The consumer key (reused for store lookups so a cached request allocates no string).</summary>
    public string ConsumerKey { get; }

    /// <summary>
    /// The <see cref="Security.CredentialHasher"/> hash of the presented token the entry is keyed by, or <see langword="null"/>:
    /// on a cache hit it is compared with the stored hash instead of hashing the token again.
    /// </summary>
    public string? TokenHash { get; }

    /// <summary>
    /// The stored token hash (the very string instance) that <see cref="TokenHash"/> was last found equal to, or
    /// <see langword="null"/>: strings are immutable, so while the integration read holds that same instance the
    /// constant-time comparison need not run again. Only the holder of the presented token can have made it match.
    /// </summary>
    public string? MatchedStoredTokenHash { get; set; }

    /// <summary>The stored ciphertext of the consumer secret this key was made from (or the dummy's).</summary>
    public string ProtectedConsumerSecret { get; }

    /// <summary>The stored ciphertext of the token secret this key was made from (or the dummy's), or <see langword="null"/>.</summary>
    public string? ProtectedTokenSecret { get; }

    /// <summary>When the entry was last used (UTC ticks of the cache's clock).</summary>
    public long LastUsed { get; set; }

    /// <summary>The cache's use counter when the entry was last made or found: orders evictions, least recently used first.</summary>
    public long LastUseOrder { get; set; }

    /// <summary>
    /// Whether a request signed with this key passed validation: only then is the pair known to be an integration's
    /// (an entry made from a dummy secret never is; one made for a real pair but a bad signature is not yet).
    /// </summary>
    public bool Proven { get; set; }

    /// <summary>
    /// The integration as it was when a request signed with this key was last accepted, or <see langword="null"/>: a
    /// later request may be accepted on it without reading the store, because recording its nonce checks that the
    /// integration still has this snapshot's concurrency token.
    /// </summary>
    public Model.Integration? Snapshot { get; set; }

    /// <summary>Whether the entry was made from these stored secrets (an integration's secrets changed otherwise).</summary>
    public bool IsFor(string protectedConsumerSecret, string? protectedTokenSecret) =>
        string.Equals(ProtectedConsumerSecret, protectedConsumerSecret, StringComparison.Ordinal)
        && string.Equals(ProtectedTokenSecret, protectedTokenSecret, StringComparison.Ordinal);
}
