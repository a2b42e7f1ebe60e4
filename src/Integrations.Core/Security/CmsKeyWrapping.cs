using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Integrations.Security;

/// <summary>
/// Wraps secret protection data keys for an X.509 certificate as CMS EnvelopedData (AES-256-CBC content
/// encryption, the content key transported with RSA-OAEP-SHA256), so a host's configuration holds only
/// <see cref="SecretProtectionKey.WrappedKey"/> values and the certificate's private key opens them at start-up.
/// </summary>
internal static class CmsKeyWrapping
{
    private const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";

    /// <summary>Makes a new random 32-byte data key and wraps it for a certificate.</summary>
    /// <param name="recipient">An RSA certificate (its public key is enough).</param>
    /// <returns>The wrapped key, base64-encoded, for <see cref="SecretProtectionKey.WrappedKey"/>.</returns>
    public static string CreateWrappedKey(X509Certificate2 recipient)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            return Wrap(key, recipient);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Wraps an existing data key for a certificate (for example to move a key ring to a new certificate).</summary>
    /// <param name="key">The 32-byte data key.</param>
    /// <param name="recipient">An RSA certificate (its public key is enough).</param>
    /// <returns>The wrapped key, base64-encoded, for <see cref="SecretProtectionKey.WrappedKey"/>.</returns>
    public static string Wrap(ReadOnlySpan<byte> key, X509Certificate2 recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (key.Length != 32)
        {
            throw new ArgumentException("A secret protection key is 32 bytes.", nameof(key));
        }

        var content = key.ToArray();
        try
        {
            var envelope = new EnvelopedCms(new ContentInfo(content), new AlgorithmIdentifier(new Oid(Aes256Cbc)));
            envelope.Encrypt(new CmsRecipient(recipient, RSAEncryptionPadding.OaepSHA256));
            return Convert.ToBase64String(envelope.Encode());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>Opens a wrapped key with whichever of <paramref name="certificates"/> holds the recipient's private key.</summary>
    /// <param name="keyId">The key's id (for the error message).</param>
    /// <param name="wrappedKey">The base64 EnvelopedData.</param>
    /// <param name="certificates">The certificates with private keys.</param>
    /// <returns>The 32-byte key.</returns>
    /// <exception cref="SecretProtectionException">The value is malformed or no certificate opens it.</exception>
    internal static byte[] Unwrap(string keyId, string wrappedKey, IList<X509Certificate2> certificates)
    {
        if (certificates.Count == 0)
        {
            throw new SecretProtectionException(
                $"The secret protection key '{keyId}' is wrapped, but no certificate is configured to unwrap it (SecretProtectionOptions.KeyUnwrappingCertificates).");
        }

        try
        {
            var envelope = new EnvelopedCms();
            envelope.Decode(Convert.FromBase64String(wrappedKey));
            envelope.Decrypt(new X509Certificate2Collection(certificates.ToArray()));
            var key = envelope.ContentInfo.Content;
            if (key.Length != 32)
            {
                CryptographicOperations.ZeroMemory(key);
                throw new SecretProtectionException($"The wrapped secret protection key '{keyId}' does not hold a 32-byte key.");
            }

            return key;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            throw new SecretProtectionException(
                $"The secret protection key '{keyId}' cannot be unwrapped: it is malformed or none of the {certificates.Count} configured certificates holds its private key.",
                exception);
        }
    }
}
