using System.Runtime.CompilerServices;

namespace Integrations.OAuth.Signing;

/// <summary>
/// The keyed HMAC state (<see cref="HmacKey"/>) of the secrets given to <see cref="IOAuthSigner.Verify"/>, so that a
/// caller verifying with the same secrets again pays no key setup. Entries are keyed by the secret <em>string
/// instances</em> (by reference, never by content) in <see cref="ConditionalWeakTable{TKey, TValue}"/>s: the state of a
/// consumer secret and token secret lives only while the caller keeps both strings, and never keeps either alive.
/// Only secrets the caller keeps are cached: strings that have survived a garbage collection (generation 1 or 2, or
/// literals); a caller that reads its secrets anew for every request (young strings each time) gets the one-shot HMAC
/// and allocates nothing here. When an entry becomes unreachable its finalizer zeroes the key bytes and frees the hash
/// states. Thread-safe: the tables are; a key slot is filled with an atomic compare-exchange (a loser's key is
/// disposed at once); each <see cref="HmacKey"/> hands every concurrent caller its own hash state.
/// </summary>
internal static class SecretKeyCache
{
    private static readonly ConditionalWeakTable<string, ConsumerSecretKeys> ByConsumerSecret = new();

    /// <summary>
    /// The keyed state for these secret instances and method, or <see langword="null"/> for secrets not worth caching
    /// (young strings; compute a one-shot HMAC then).
    /// </summary>
    public static HmacKey? Find(OAuthSignatureMethod method, string consumerSecret, string? tokenSecret)
    {
        if (!ByConsumerSecret.TryGetValue(consumerSecret, out var consumerKeys))
        {
            if (!IsKept(consumerSecret))
            {
                return null;
            }

            consumerKeys = ByConsumerSecret.GetValue(consumerSecret, static _ => new ConsumerSecretKeys());
        }

        return consumerKeys.For(tokenSecret)?.For(method, consumerSecret, tokenSecret);
    }

    /// <summary>Whether the caller keeps a string: it has survived a garbage collection (a string made for one request has not).</summary>
    private static bool IsKept(string secret) => GC.GetGeneration(secret) > 0;

    /// <summary>The keys of one consumer secret instance: without a token secret, and per token secret instance.</summary>
    private sealed class ConsumerSecretKeys
    {
        private readonly ConditionalWeakTable<string, MethodKeys> _byTokenSecret = new();
        private MethodKeys? _withoutToken;

        /// <summary>The keys of the pair, or <see langword="null"/> for a token secret not worth caching.</summary>
        public MethodKeys? For(string? tokenSecret)
        {
            if (tokenSecret is null)
            {
                return Volatile.Read(ref _withoutToken) ?? Interlocked.CompareExchange(ref _withoutToken, new MethodKeys(), null) ?? _withoutToken;
            }

            if (_byTokenSecret.TryGetValue(tokenSecret, out var keys))
            {
                return keys;
            }

            return IsKept(tokenSecret) ? _byTokenSecret.GetValue(tokenSecret, static _ => new MethodKeys()) : null;
        }
    }

    /// <summary>The keyed state of one secret pair, per signature method; zeroed when it becomes unreachable.</summary>
    private sealed class MethodKeys
    {
        private HmacKey? _sha1;
        private HmacKey? _sha256;

        /// <summary>Zeroes the keys and frees their hash states once the secrets, and so this entry, are gone.</summary>
        ~MethodKeys()
        {
            _sha1?.Dispose();
            _sha256?.Dispose();
        }

        /// <summary>The key of the pair for <paramref name="method"/>, made at its first use.</summary>
        public HmacKey For(OAuthSignatureMethod method, string consumerSecret, string? tokenSecret) =>
            HmacKey.GetOrCreate(ref method == OAuthSignatureMethod.HmacSha1 ? ref _sha1 : ref _sha256, method, consumerSecret, tokenSecret);
    }
}
