using Microsoft.Extensions.Logging;

namespace Integrations.Cleanup;

/// <summary>Log messages of the nonce cleanup (event ids 6000–6009).</summary>
internal static partial class NonceCleanupLog
{
    [LoggerMessage(6000, LogLevel.Debug, "Removed {Count} expired nonces.")]
    public static partial void ExpiredNoncesRemoved(this ILogger logger, int count);

    [LoggerMessage(6001, LogLevel.Warning, "The nonce cleanup failed; it runs again in {Interval}.")]
    public static partial void CleanupFailed(this ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(6002, LogLevel.Debug, "The nonce cleanup is postponed, the storage is unavailable ({Reason}); it runs again in {Interval}.")]
    public static partial void CleanupPostponed(this ILogger logger, string reason, TimeSpan interval);
}
