using System.Security.Cryptography;

namespace Integrations.OAuth.Signing;

/// <summary>
/// An HMAC key with a few reusable keyed <see cref="IncrementalHash"/> instances, so a signature costs no key setup.
/// Thread-safe: each caller takes an instance out of a slot with an atomic exchange (a new one is made, under a lock,
/// only when every slot is empty). <see cref="Dispose"/> zeroes the key and disposes the instances (one still rented is
/// disposed when it comes back), so a secret does not outlive its owner.
/// </summary>
internal class HmacKey : IDisposable
{
    private const int PoolSize = 4;
    private readonly Lock _gate = new();
    private readonly IncrementalHash?[] _pool = new IncrementalHash?[PoolSize];
    private readonly byte[] _key;
    private readonly HashAlgorithmName _algorithm;
    private bool _disposed;

    /// <summary>Creates the key; it is copied into a pinned buffer and <paramref name="key"/> is left to the caller to clear.</summary>
    public HmacKey(OAuthSignatureMethod method, ReadOnlySpan<byte> key)
    {
        Method = method;
        _algorithm = method == OAuthSignatureMethod.HmacSha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        _key = GC.AllocateUninitializedArray<byte>(key.Length, pinned: true);
        key.CopyTo(_key);
    }

    /// <summary>
    /// The key in <paramref name="slot"/>, or, when it is empty, one made from the secrets and put there atomically
    /// (a key made meanwhile by a concurrent caller that lost the race is disposed at once).
    /// </summary>
    public static HmacKey GetOrCreate(ref HmacKey? slot, OAuthSignatureMethod method, ReadOnlySpan<char> consumerSecret, ReadOnlySpan<char> tokenSecret)
    {
        if (Volatile.Read(ref slot) is { } key)
        {
            return key;
        }

        using var bytes = new SigningKeyBytes(consumerSecret, tokenSecret);
        var created = new HmacKey(method, bytes.Span);
        var kept = Interlocked.CompareExchange(ref slot, created, null);
        if (kept is null)
        {
            return created;
        }

        created.Dispose();
        return kept;
    }

    /// <summary>The signature method.</summary>
    public OAuthSignatureMethod Method { get; }

    /// <summary>Computes the HMAC of <paramref name="data"/>; returns the digest length, or -1 if the key was disposed meanwhile.</summary>
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

    /// <summary>Puts an instance back in a free slot, or disposes it (pool full, or the key disposed meanwhile).</summary>
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
}
