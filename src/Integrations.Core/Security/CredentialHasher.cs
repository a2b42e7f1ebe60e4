using System.Security.Cryptography;
using System.Text;

namespace Integrations.Security;

/// <summary>
/// Hashes token values and verifiers for lookup and comparison, so a database dump holds nothing that
/// authenticates. Tokens carry about 165 random bits, so a plain SHA-256 is enough (no salt or stretching).
/// </summary>
internal static class CredentialHasher
{
    /// <summary>Hashes a token or verifier.</summary>
    /// <param name="value">The clear value.</param>
    /// <returns>The SHA-256 of its UTF-8 bytes as 64 lower-case hex characters.</returns>
    public static string Hash(ReadOnlySpan<char> value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashInto(value, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Compares a clear value with a stored hash in constant time.</summary>
    /// <param name="value">The clear value received.</param>
    /// <param name="hash">The stored hash made by <see cref="Hash"/>.</param>
    /// <returns><see langword="true"/> if the value hashes to <paramref name="hash"/>.</returns>
    public static bool Matches(ReadOnlySpan<char> value, string? hash)
    {
        if (hash is null || hash.Length != SHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(hash, expected, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != expected.Length)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        HashInto(value, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Compares two hashes made by <see cref="Hash"/> in constant time (for equal lengths).</summary>
    /// <param name="left">One hash, or <see langword="null"/>.</param>
    /// <param name="right">The other, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> if both are present and equal.</returns>
    public static bool HashesEqual(string? left, string? right) =>
        left is not null && right is not null
        && CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(left.AsSpan()),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(right.AsSpan()));

    private static void HashInto(ReadOnlySpan<char> value, Span<byte> destination)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var buffer = byteCount <= 256 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(value, buffer);
        SHA256.HashData(buffer, destination);
    }
}
