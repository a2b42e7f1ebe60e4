using System.Security.Cryptography.X509Certificates;

namespace Integrations.Security;

/// <summary>
/// The data keys that encrypt stored secrets. New ciphertexts use <see cref="ActiveKeyId"/> (or the last key);
/// older ciphertexts keep decrypting as long as their key stays in <see cref="Keys"/>, which is how keys rotate.
/// </summary>
public sealed class SecretProtectionOptions
{
    /// <summary>The key ring. Required unless <see cref="UseEphemeralKey"/> is set.</summary>
    public IList<SecretProtectionKey> Keys { get; } = [];

    /// <summary>
    /// The certificates, with their private keys, that open <see cref="SecretProtectionKey.WrappedKey"/> values
    /// (RSA certificates, as <see cref="SecretProtectionKey.CreateWrappedKey"/> wraps for).
    /// </summary>
    public IList<X509Certificate2> KeyUnwrappingCertificates { get; } = [];

    /// <summary>The id of the key that encrypts new secrets; defaults to the last key of <see cref="Keys"/>.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>
    /// Uses a random key made at start-up and lost at shutdown. Only for in-memory stores and tests: anything
    /// persisted with it can never be decrypted again.
    /// </summary>
    public bool UseEphemeralKey { get; set; }

    /// <summary>
    /// Set when another <see cref="ISecretProtector"/> replaces the AES-GCM one (ASP.NET Core Data Protection's
    /// <c>UseDataProtectionSecretProtection()</c> sets it, or a host's own protector), so the key ring is neither used
    /// nor checked at start, whatever order the registrations came in.
    /// </summary>
    public bool KeyRingUnused { get; set; }
}
