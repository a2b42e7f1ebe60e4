using System.Security.Cryptography;
using System.Text;

namespace Integrations.Configuration;

/// <summary>
/// Derives the id of a declared integration from its declaration key, so every host and every redeploy finds the
/// same integration without storing the key: the first 16 bytes of SHA-256 over the upper-cased key, marked as an
/// RFC 9562 version 8 (custom) UUID.
/// </summary>
internal static class DeclaredIntegrationId
{
    private const string Domain = "Integrations.DeclaredIntegration:";

    public static Guid For(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(Domain + key.Trim().ToUpperInvariant()), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
