namespace Integrations.Security;

/// <summary>
/// A protected secret could not be decrypted (unknown key, tampering, malformed value) or the protection keys are
/// misconfigured. The message never contains a secret.
/// </summary>
public sealed class SecretProtectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretProtectionException()
        : this("A protected secret could not be processed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong (never a secret).</param>
    public SecretProtectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong (never a secret).</param>
    /// <param name="innerException">The cause.</param>
    public SecretProtectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
