using Integrations.Model;

namespace Integrations.Lifecycle;

/// <summary>
/// The stored credentials of an integration cannot be decrypted (a corrupted value, a retired key), so they cannot be
/// revealed; reauthorizing (or activating) the integration issues new ones. The message names the integration, never
/// a secret.
/// </summary>
internal sealed class IntegrationCredentialsUnreadableException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="name">The integration's name.</param>
    /// <param name="innerException">The decryption failure.</param>
    public IntegrationCredentialsUnreadableException(string name, Exception? innerException)
        : base($"The stored credentials of the integration '{name}' cannot be decrypted. Reauthorize the integration to issue new ones.", innerException)
    {
    }
}
