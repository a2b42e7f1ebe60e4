using System.Security.Cryptography.X509Certificates;

namespace Integrations.Security;

/// <summary>One AES-256-GCM data key of the secret protection key ring.</summary>
public sealed class SecretProtectionKey
{
    /// <summary>A short identifier stored with every ciphertext (letters, digits, <c>-</c> and <c>_</c>, at most 32).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The 32-byte key, base64-encoded. Never logged. Set this or <see cref="WrappedKey"/>.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>
    /// The 32-byte key wrapped as CMS EnvelopedData for one of
    /// <see cref="SecretProtectionOptions.KeyUnwrappingCertificates"/> (base64, made by
    /// <see cref="CreateWrappedKey"/>), or <see langword="null"/>. The secret protector opens it when it is built and
    /// keeps the opened key to itself (this property keeps the wrapped form); the start fails if no configured
    /// certificate opens it.
    /// </summary>
    public string? WrappedKey { get; set; }

    /// <summary>
    /// Makes a new random 32-byte data key wrapped for a certificate as CMS EnvelopedData (AES-256-CBC content
    /// encryption, the content key transported with RSA-OAEP-SHA256): the value for <see cref="WrappedKey"/>, made once
    /// in the host's operations tooling. The data key itself is never returned.
    /// </summary>
    /// <param name="recipient">An RSA certificate (its public key is enough).</param>
    /// <returns>The wrapped key, base64-encoded.</returns>
    public static string CreateWrappedKey(X509Certificate2 recipient) => CmsKeyWrapping.CreateWrappedKey(recipient);

    /// <summary>Wraps an existing 32-byte data key for a certificate (for example to move a key ring to a new certificate).</summary>
    /// <param name="key">The 32-byte data key.</param>
    /// <param name="recipient">An RSA certificate (its public key is enough).</param>
    /// <returns>The wrapped key, base64-encoded, for <see cref="WrappedKey"/>.</returns>
    public static string WrapKey(ReadOnlySpan<byte> key, X509Certificate2 recipient) => CmsKeyWrapping.Wrap(key, recipient);

    /// <inheritdoc />
    public override string ToString() => $"Secret protection key '{Id}'";
}
