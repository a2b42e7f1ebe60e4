using Integrations.Model;

namespace Integrations.Activation;

/// <summary>
/// Activating or reauthorizing failed because the credentials could not be posted to the callback URL. The
/// integration was left as it was. <see cref="Exception.Message"/> gives the admin the real reason and never
/// contains a secret.
/// </summary>
public sealed class CallbackPostException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">What went wrong.</param>
    /// <param name="message">The admin-readable reason.</param>
    /// <param name="statusCode">The HTTP status the callback URL answered with, for <see cref="CallbackFailure.Status"/>.</param>
    /// <param name="innerException">The transport error, if any.</param>
    internal CallbackPostException(CallbackFailure failure, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>What went wrong.</summary>
    internal CallbackFailure Failure { get; }

    /// <summary>The HTTP status the callback URL answered with, or <see langword="null"/>.</summary>
    public int? StatusCode { get; }
}
