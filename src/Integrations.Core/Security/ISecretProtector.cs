namespace Integrations.Security;

/// <summary>
/// Encrypts consumer secrets, token secrets and token values before they are stored, and decrypts them when
/// a signature must be checked or an admin reveals them. HMAC needs the clear secret back, so these values are
/// encrypted rather than hashed.
/// </summary>
public interface ISecretProtector
{
    /// <summary>Encrypts a secret with the current key.</summary>
    /// <param name="secret">The clear secret.</param>
    /// <returns>A self-describing ciphertext that names the key it was made with.</returns>
    string Protect(string secret);

    /// <summary>Decrypts a value made by <see cref="Protect"/>, with whichever key made it.</summary>
    /// <param name="protectedSecret">The ciphertext.</param>
    /// <returns>The clear secret.</returns>
    /// <exception cref="SecretProtectionException">The value is malformed, was tampered with, or its key is unknown.</exception>
    string Unprotect(string protectedSecret);
}
