using Microsoft.Extensions.Logging;

namespace Integrations.OAuth.Validation;

/// <summary>Log messages of the OAuth engine (event ids 3000–3099). Never logs a secret, a token or a signature.</summary>
internal static partial class OAuthLog
{
    [LoggerMessage(3000, LogLevel.Debug, "OAuth {Flow} request rejected: {Code} ({Reason}) for consumer key '{ConsumerKey}'.")]
    public static partial void RequestRejected(this ILogger logger, OAuthFlow flow, string code, OAuthProblemReason reason, string? consumerKey);

    [LoggerMessage(3001, LogLevel.Debug, "OAuth {Flow} request rejected before any lookup: {Code} ({Reason}).")]
    public static partial void MalformedRequestRejected(this ILogger logger, OAuthFlow flow, string code, OAuthProblemReason reason);

    [LoggerMessage(3002, LogLevel.Debug, "Bearer token rejected (integration holding it: {IntegrationId}).")]
    public static partial void BearerTokenRejected(this ILogger logger, Guid? integrationId);

    [LoggerMessage(3003, LogLevel.Error, "The stored credentials of integration '{Name}' ({IntegrationId}) cannot be decrypted ({Reason}); its calls are refused until an admin reauthorizes it.")]
    public static partial void CredentialsUnreadable(this ILogger logger, string name, Guid integrationId, string reason);

    [LoggerMessage(3004, LogLevel.Information, "{Total} OAuth requests refused in the last {Period}: {Reasons}. Each refusal is logged at Debug level.")]
    public static partial void RefusalSummary(this ILogger logger, long total, TimeSpan period, string reasons);

    [LoggerMessage(3005, LogLevel.Debug, "OAuth {Flow} exchange of integration '{Name}' ({IntegrationId}) refused: {Code} ({Phrase}).")]
    public static partial void ExchangeRejected(this ILogger logger, OAuthFlow flow, string name, Guid integrationId, string code, string phrase);
}
