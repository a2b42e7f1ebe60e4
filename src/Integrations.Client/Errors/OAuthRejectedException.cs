namespace Integrations.Client.Errors;

/// <summary>
/// The shop refused a signed request with a 401 (see <see cref="Rejection"/> for its problem code, phrase and base
/// strings). Thrown by the signing handler when <see cref="Signing.OAuthSigningOptions.ThrowOnRejection"/> is on, and by
/// the token exchange. The message holds no secret.
/// </summary>
public sealed class OAuthRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OAuthRejectedException()
        : this(new OAuthRejection(System.Net.HttpStatusCode.Unauthorized, null, null))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public OAuthRejectedException(string message)
        : this(message, null!)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OAuthRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rejection = new OAuthRejection(System.Net.HttpStatusCode.Unauthorized, null, message);
    }

    /// <summary>Creates the exception for a rejection.</summary>
    /// <param name="rejection">What the shop answered.</param>
    public OAuthRejectedException(OAuthRejection rejection)
        : base(rejection?.ToString())
    {
        ArgumentNullException.ThrowIfNull(rejection);
        Rejection = rejection;
    }

    /// <summary>What the shop answered.</summary>
    public OAuthRejection Rejection { get; }
}
