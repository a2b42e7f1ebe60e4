using System.Buffers;
using System.Security.Cryptography;

namespace Integrations.OAuth.Signing;

/// <summary>
/// The HMAC key <c>encode(consumerSecret)&amp;encode(tokenSecret)</c> (RFC 5849 §3.4.2) in a pooled buffer that
/// <see cref="Dispose"/> zeroes before returning it: <c>using var key = new SigningKeyBytes(…);</c>.
/// </summary>
internal readonly ref struct SigningKeyBytes : IDisposable
{
    private readonly byte[] _buffer;
    private readonly int _length;

    /// <summary>Writes the key of <paramref name="consumerSecret"/> and <paramref name="tokenSecret"/>.</summary>
    public SigningKeyBytes(ReadOnlySpan<char> consumerSecret, ReadOnlySpan<char> tokenSecret)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(SignatureAlgorithm.MaxKeyLength(consumerSecret, tokenSecret));
        _length = SignatureAlgorithm.WriteKey(consumerSecret, tokenSecret, _buffer);
    }

    /// <summary>The key bytes (valid until disposed).</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>Zeroes the key and returns the buffer to the pool.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _length));
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
