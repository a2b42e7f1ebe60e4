using System.Security.Cryptography;

namespace Integrations.OAuth.Signing;

/// <summary>
/// The HMAC key of one presented credential pair (consumer key + token) and signature method, with a few reusable
/// keyed <see cref="IncrementalHash"/> instances so a signature costs no key setup. Thread-safe: each caller takes an
/// instance out of a slot with an atomic exchange (a new one is made, under a lock, only when every slot is empty).
/// <see cref="Dispose"/> zeroes the key and disposes the instances (one still rented is
/// disposed when it comes back), so a secret does not outlive the entry.
/// </summary>
internal sealed class KeyedHmac : IDisposable
{
    private const int PoolSize = 4;
    private readonly Lock _gate = new();
    private readonly IncrementalHash?[] _pool = new IncrementalHash?[PoolSize];
    private readonly byte[] _key;
    private readonly HashAlgorithmName _algorithm;
    private bool _disposed;

    /// <summary>Creates the entry; the key is copied into a pinned buffer and <paramref name="key"/> is left to the caller to clear.</summary>
    public KeyedHmac(string consumerKey, string? tokenHash, string protectedConsumerSecret, string? protectedTokenSecret, OAuthSignatureMethod method, ReadOnlySpan<byte> key, long now)
    {
        ConsumerKey = consumerKey;
        TokenHash = tokenHash;
        ProtectedConsumerSecret = protectedConsumerSecret;
        ProtectedTokenSecret = protectedTokenSecret;
        Method = method;
        _algorithm = method == OAuthSignatureMethod.HmacSha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        _key = GC.AllocateUninitializedArray<byte>(key.Length, pinned: true);
        key.CopyTo(_key);
        LastUsed = now;
    }

    /// <summary>The consumer key (reused for store lookups so a cached request allocates no string).</summary>
    public string ConsumerKey { get; }

    /// <summary>
    /// The <see cref="Security.CredentialHasher"/> hash of the presented token the entry is keyed by, or <see langword="null"/>:
    /// on a cache hit it is compared with the stored hash instead of hashing the token again.
    /// </summary>
    public string? TokenHash { get; }

    /// <summary>The stored ciphertext of the consumer secret this key was made from (or the dummy's).</summary>
    public string ProtectedConsumerSecret { get; }

    /// <summary>The stored ciphertext of the token secret this key was made from (or the dummy's), or <see langword="null"/>.</summary>
    public string? ProtectedTokenSecret { get; }

    /// <summary>The signature method.</summary>
    public OAuthSignatureMethod Method { get; }

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

    /// <summary>Computes the HMAC of <paramref name="data"/>; returns the digest length, or -1 if the entry was disposed meanwhile.</summary>
    public int TryComputeHash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = Rent();
        if (hash is null)
        {
            return -1;
        }

        hash.AppendData(data);
        var written = hash.GetHashAndReset(destination);
        GiveBack(hash);
        return written;
    }

    /// <summary>Takes a pooled instance without locking, or makes one under the lock (which also guards the key).</summary>
    private IncrementalHash? Rent()
    {
        if (Volatile.Read(ref _disposed))
        {
            return null;
        }

        for (var i = 0; i < PoolSize; i++)
        {
            if (Interlocked.Exchange(ref _pool[i], null) is { } pooled)
            {
                return pooled;
            }
        }

        lock (_gate)
        {
            return _disposed ? null : IncrementalHash.CreateHMAC(_algorithm, _key);
        }
    }

    /// <summary>Puts an instance back in a free slot, or disposes it (pool full, or the entry disposed meanwhile).</summary>
    private void GiveBack(IncrementalHash hash)
    {
        for (var i = 0; i < PoolSize && !Volatile.Read(ref _disposed); i++)
        {
            if (Interlocked.CompareExchange(ref _pool[i], hash, null) is null)
            {
                if (Volatile.Read(ref _disposed))
                {
                    Interlocked.Exchange(ref _pool[i], null)?.Dispose(); // Dispose swept the slot before it was filled
                }

                return;
            }
        }

        hash.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            CryptographicOperations.ZeroMemory(_key);
        }

        for (var i = 0; i < PoolSize; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }
    }
}
