using System.Security.Cryptography;

namespace Integrations.OAuth.Signing;

/// <summary>
/// Makes <c>oauth_nonce</c> values: 128 bits from <see cref="RandomNumberGenerator"/>, written as 32 lowercase hex
/// characters. Each thread draws its random bytes a block at a time, because one call into the system's generator
/// costs as much as the rest of a signature; a nonce is public, so holding the next few in memory reveals nothing.
/// </summary>
internal static class NonceGenerator
{
    /// <summary>The random bytes of one nonce.</summary>
    private const int NonceBytes = 16;

    /// <summary>The random bytes drawn at once (the nonces of 64 signatures).</summary>
    private const int BlockBytes = 64 * NonceBytes;

    /// <summary>The length of a nonce.</summary>
    public const int Length = 2 * NonceBytes;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_used;

    /// <summary>Writes a fresh nonce into <paramref name="destination"/> (<see cref="Length"/> characters).</summary>
    public static void Write(Span<char> destination)
    {
        var block = t_block;
        if (block is null || t_used == BlockBytes)
        {
            block = t_block ??= new byte[BlockBytes];
            RandomNumberGenerator.Fill(block);
            t_used = 0;
        }

        Convert.TryToHexStringLower(block.AsSpan(t_used, NonceBytes), destination, out _);
        t_used += NonceBytes;
    }
}
