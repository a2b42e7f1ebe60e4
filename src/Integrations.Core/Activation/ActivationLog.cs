using Microsoft.Extensions.Logging;

namespace Integrations.Activation;

/// <summary>Log messages of the activation handshake (event ids 5000–5099). Never logs a secret.</summary>
internal static partial class ActivationLog
{
    [LoggerMessage(5000, LogLevel.Information, "Credentials posted to the callback URL {CallbackUrl}.")]
    public static partial void CredentialsPosted(this ILogger logger, string callbackUrl);

    [LoggerMessage(5001, LogLevel.Warning, "Posting credentials to a callback URL failed ({Failure}): {Reason}")]
    public static partial void CallbackPostFailed(this ILogger logger, CallbackFailure failure, string reason);

    [LoggerMessage(5002, LogLevel.Warning, "Integration '{Name}' ({IntegrationId}) changed while its credentials were being posted; the failed activation was not rolled back over that change.")]
    public static partial void RollbackSkipped(this ILogger logger, string name, Guid integrationId);

    [LoggerMessage(5003, LogLevel.Information, "Request token issued to integration '{Name}' ({IntegrationId}).")]
    public static partial void RequestTokenIssued(this ILogger logger, string name, Guid integrationId);

    [LoggerMessage(5004, LogLevel.Information, "Request token of integration '{Name}' ({IntegrationId}) exchanged for an access token.")]
    public static partial void AccessTokenIssued(this ILogger logger, string name, Guid integrationId);

}
