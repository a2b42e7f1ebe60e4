using System.Collections.Concurrent;
using Integrations.Security;
using Microsoft.Extensions.Options;

namespace Integrations.OAuth.Signing;

/// <summary>
/// Keeps the keyed HMAC state (<see cref="KeyedHmac"/>) of recently used credential pairs, so a validation neither
/// decrypts the secrets nor sets up the HMAC key again. Entries are keyed by what the request presents (method,
/// consumer key, token) and checked against the stored ciphertexts on every use, so a changed secret (reauthorize)
/// is picked up at once. Unknown pairs get an entry made from dummy secrets that costs the same, so neither a cache
/// hit nor a miss tells whether a consumer key or token exists. Entries idle longer than
/// <see cref="OAuthOptions.KeyCacheLifetime"/> are disposed (key zeroed) by a timer; at most
/// <see cref="OAuthOptions.KeyCacheSize"/> are kept. Singleton.
/// </summary>
internal sealed class OAuthKeyCache : IDisposable
{
    private readonly ConcurrentDictionary<string, KeyedHmac> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KeyedHmac>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _time;
    private readonly ITimer? _sweeper;
    private volatile bool _disposed;
    private readonly long _lifetimeTicks;
    private readonly int _capacity;
    private long _uses;

    public OAuthKeyCache(ISecretProtector protector, IOptions<OAuthOptions> options, TimeProvider time)
    {
        _protector = protector;
        _time = time;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        var value = options.Value;
        _capacity = value.KeyCacheSize;
        _lifetimeTicks = value.KeyCacheLifetime.Ticks;
        DummyConsumerSecret = protector.Protect(CredentialGenerator.Create());
        DummyTokenSecret = protector.Protect(CredentialGenerator.Create());
        if (_lifetimeTicks > 0)
        {
            // half the lifetime, but never a period a timer treats as "fire once" (under a millisecond rounds to 0)
            var period = TimeSpan.FromTicks(Math.Max(_lifetimeTicks / 2, TimeSpan.TicksPerMillisecond));
            _sweeper = time.CreateTimer(static state => ((OAuthKeyCache)state!).RemoveIdle(), this, period, period);
        }
    }

    /// <summary>Whether entries are kept at all (<see cref="OAuthOptions.KeyCacheLifetime"/> is not zero, and the cache is not disposed).</summary>
    public bool Enabled => _lifetimeTicks > 0 && !_disposed;

    /// <summary>A protected random consumer secret that stands in for an unknown consumer.</summary>
    public string DummyConsumerSecret { get; }

    /// <summary>A protected random token secret that stands in for an unknown or foreign token.</summary>
    public string DummyTokenSecret { get; }

    /// <summary>How many entries are kept (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary>Finds the entry of a presented pair, or <see langword="null"/>; <paramref name="now"/> marks it used.</summary>
    public KeyedHmac? Find(OAuthSignatureMethod method, ReadOnlySpan<char> consumerKey, ReadOnlySpan<char> token, DateTimeOffset now)
    {
        if (!Enabled)
        {
            return null;
        }

        Span<char> key = stackalloc char[CacheKeyLength(consumerKey, token)];
        WriteCacheKey(method, consumerKey, token, key);
        if (_lookup.TryGetValue(key, out var entry))
        {
            entry.LastUsed = now.UtcTicks;
            entry.LastUseOrder = Interlocked.Increment(ref _uses);
            return entry;
        }

        return null;
    }

    /// <summary>
    /// Decrypts the two stored secrets, makes the key <c>encode(cs)&amp;encode(ts)</c> and keeps the entry (replacing and
    /// disposing an older one of the same pair). When the cache is disabled the entry is not kept: dispose it after use.
    /// </summary>
    public KeyedHmac Create(OAuthSignatureMethod method, ReadOnlySpan<char> consumerKey, ReadOnlySpan<char> token, string protectedConsumerSecret, string? protectedTokenSecret)
    {
        var entry = Build(method, consumerKey.ToString(), token.IsEmpty ? null : CredentialHasher.Hash(token), protectedConsumerSecret, protectedTokenSecret);
        entry.LastUseOrder = Interlocked.Increment(ref _uses);
        if (Enabled)
        {
            Span<char> key = stackalloc char[CacheKeyLength(consumerKey, token)];
            WriteCacheKey(method, consumerKey, token, key);
            var cacheKey = new string(key);
            if (_entries.Count >= _capacity)
            {
                MakeRoom();
            }

            KeyedHmac? replaced = null;
            _entries.AddOrUpdate(cacheKey, entry, (_, old) =>
            {
                replaced = old;
                return entry;
            });
            replaced?.Dispose();
            if (_disposed && _entries.TryRemove(cacheKey, out var late))
            {
                late.Dispose(); // kept while the cache was being disposed: its key must not outlive it (the caller then computes without it)
            }
        }

        return entry;
    }

    /// <summary>Makes a kept-nowhere copy of an entry that was disposed while in use (dispose it after use).</summary>
    public KeyedHmac CreateUncached(KeyedHmac disposed) =>
        Build(disposed.Method, disposed.ConsumerKey, disposed.TokenHash, disposed.ProtectedConsumerSecret, disposed.ProtectedTokenSecret);

    /// <summary>Disposes entries idle longer than the lifetime.</summary>
    public void RemoveIdle()
    {
        var oldest = _time.GetUtcNow().UtcTicks - _lifetimeTicks;
        foreach (var pair in _entries)
        {
            if (pair.Value.LastUsed < oldest && _entries.TryRemove(pair))
            {
                pair.Value.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true; // a request still in flight keeps no key from now on
        _sweeper?.Dispose();
        foreach (var pair in _entries)
        {
            if (_entries.TryRemove(pair))
            {
                pair.Value.Dispose();
            }
        }
    }

    private KeyedHmac Build(OAuthSignatureMethod method, string consumerKey, string? tokenHash, string protectedConsumerSecret, string? protectedTokenSecret)
    {
        var consumerSecret = _protector.Unprotect(protectedConsumerSecret);
        var tokenSecret = protectedTokenSecret is null ? string.Empty : _protector.Unprotect(protectedTokenSecret);
        using var key = new SigningKeyBytes(consumerSecret, tokenSecret);
        return new KeyedHmac(consumerKey, tokenHash, protectedConsumerSecret, protectedTokenSecret, method, key.Span, _time.GetUtcNow().UtcTicks);
    }

    /// <summary>
    /// Frees a tenth of the capacity: idle entries first, then entries that never served a valid request (see
    /// <see cref="KeyedHmac.Proven"/>), and only then others, each group least recently used first. So a flood of
    /// unknown consumer keys or tokens cannot push the keys of the integrations in use out of the cache, and what
    /// survives a flood does not tell whether a probed consumer key exists: an unknown key and a known one without a
    /// valid signature are evicted alike, in the order they were last used, never by hash order.
    /// </summary>
    private void MakeRoom()
    {
        RemoveIdle();
        var target = _capacity - Math.Max(1, _capacity / 10);
        if (!Evict(target, unprovenOnly: true))
        {
            Evict(target, unprovenOnly: false);
        }
    }

    /// <summary>Disposes entries, least recently used first, until at most <paramref name="target"/> are left; returns whether that was reached.</summary>
    private bool Evict(int target, bool unprovenOnly)
    {
        var candidates = _entries.Where(pair => !unprovenOnly || !pair.Value.Proven).OrderBy(pair => pair.Value.LastUseOrder);
        foreach (var pair in candidates)
        {
            if (_entries.Count <= target)
            {
                return true;
            }

            if (_entries.TryRemove(pair))
            {
                pair.Value.Dispose();
            }
        }

        return _entries.Count <= target;
    }

    private static int CacheKeyLength(ReadOnlySpan<char> consumerKey, ReadOnlySpan<char> token) => consumerKey.Length + token.Length + 2;

    private static void WriteCacheKey(OAuthSignatureMethod method, ReadOnlySpan<char> consumerKey, ReadOnlySpan<char> token, Span<char> destination)
    {
        destination[0] = (char)('0' + (int)method);
        consumerKey.CopyTo(destination[1..]);
        destination[consumerKey.Length + 1] = '&';
        token.CopyTo(destination[(consumerKey.Length + 2)..]);
    }
}
