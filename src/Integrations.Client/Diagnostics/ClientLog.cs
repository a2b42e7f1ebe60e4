using Microsoft.Extensions.Logging;

namespace Integrations.Client.Diagnostics;

/// <summary>The client package's log lines (event ids 8000–8099; never a secret).</summary>
internal static partial class ClientLog
{
    [LoggerMessage(8001, LogLevel.Information, "Credentials of consumer {ConsumerKey} received from {StoreBaseUrl}; token exchange queued")]
    public static partial void CredentialsReceived(this ILogger logger, string consumerKey, Uri storeBaseUrl);

    [LoggerMessage(8002, LogLevel.Warning, "A credentials POST was refused: {Reason}")]
    public static partial void CredentialsRefused(this ILogger logger, string reason);

    [LoggerMessage(8003, LogLevel.Information, "{Kind}: consumer {ConsumerKey} at {StoreBaseUrl} has a new access token")]
    public static partial void ExchangeSucceeded(this ILogger logger, string kind, string consumerKey, Uri storeBaseUrl);

    [LoggerMessage(8004, LogLevel.Warning, "The token exchange of consumer {ConsumerKey} with {StoreBaseUrl} failed: {Reason}")]
    public static partial void ExchangeFailed(this ILogger logger, string consumerKey, Uri storeBaseUrl, string reason);

    [LoggerMessage(8005, LogLevel.Error, "An integration connection observer failed on {Kind} of consumer {ConsumerKey}")]
    public static partial void ObserverFailed(this ILogger logger, Exception exception, string kind, string? consumerKey);
}
