namespace Integrations.Client.Signing;

/// <summary>No credentials were found to sign a request: the request was not sent.</summary>
public sealed class OAuthCredentialsMissingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OAuthCredentialsMissingException()
        : base("No OAuth credentials were found to sign the request.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was missing.</param>
    public OAuthCredentialsMissingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What was missing.</param>
    /// <param name="innerException">The cause.</param>
    public OAuthCredentialsMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
