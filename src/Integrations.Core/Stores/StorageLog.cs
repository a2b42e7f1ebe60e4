using Microsoft.Extensions.Logging;

namespace Integrations.Stores;

/// <summary>Log messages about the stores' availability (event ids 1100–1109): one line when an outage starts, one when it ends.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(1100, LogLevel.Warning, "The integrations storage is unavailable ({Reason}): signed requests and token exchanges are answered 503 until it answers again.")]
    public static partial void StorageUnavailable(this ILogger logger, string reason);

    [LoggerMessage(1101, LogLevel.Information, "The integrations storage answers again after {Duration}; {Refused} requests were answered 503 meanwhile.")]
    public static partial void StorageAvailable(this ILogger logger, TimeSpan duration, long refused);
}
