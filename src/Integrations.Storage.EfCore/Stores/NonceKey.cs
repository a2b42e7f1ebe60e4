using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Integrations.Storage.EfCore.Stores;

/// <summary>
/// The key a nonce is stored under: XXH128 of the consumer key's length, the consumer key and the nonce (UTF-16), the
/// same on every instance. Equal pairs always have equal keys, so a replay is always found; two different pairs share a
/// key with a probability of about 2^-128, and then the second is refused as used: a collision can refuse a request,
/// never accept one. Nobody can aim a collision at another client's nonce without knowing that nonce in advance.
/// </summary>
internal static class NonceKey
{
    /// <summary>The key of <paramref name="nonce"/> used by <paramref name="consumerKey"/>.</summary>
    public static Guid Of(string consumerKey, ReadOnlySpan<char> nonce)
    {
        var hash = new XxHash128();
        var length = consumerKey.Length;
        hash.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in length)));
        hash.Append(MemoryMarshal.AsBytes(consumerKey.AsSpan()));
        hash.Append(MemoryMarshal.AsBytes(nonce));
        Span<byte> digest = stackalloc byte[16];
        hash.GetCurrentHash(digest);
        return new Guid(digest);
    }
}
