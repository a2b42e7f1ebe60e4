namespace Integrations.Model;

/// <summary>
/// The base of every error the integration service reports to an admin. Messages are user-readable (Magento's
/// phrases where it has one) and never contain a secret.
/// </summary>
public abstract class IntegrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The user-readable message.</param>
    protected IntegrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">The user-readable message.</param>
    /// <param name="innerException">The cause.</param>
    protected IntegrationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
