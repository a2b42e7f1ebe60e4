using Integrations.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Integrations.Stores;

/// <summary>
/// Follows the stores' availability as the request path sees it: the first refusal of an outage logs one warning,
/// the first success after it one information line; every refusal is counted in the meter. Singleton.
/// </summary>
internal sealed class StorageAvailability(TimeProvider time, IntegrationsMetrics metrics, ILogger<StorageAvailability> logger)
{
    /// <summary>How much of the store's message the warning keeps (it is written escaped: a driver's or server's text may hold line breaks).</summary>
    private const int MaxReasonLength = 512;

    private readonly Lock _gate = new();
    private long _outageStartedAt;
    private long _refused;
    private volatile bool _unavailable;

    /// <summary>Records a request refused because the stores failed; logs the start of an outage once.</summary>
    public void Refused(Exception cause)
    {
        metrics.RecordStorageUnavailable();
        lock (_gate)
        {
            _refused++;
            if (_unavailable)
            {
                return;
            }

            _unavailable = true;
            _outageStartedAt = time.GetTimestamp();

            // under the lock (twice per outage at most): the end of an outage is never logged before its start
            logger.StorageUnavailable(LogText.Escape(Reason(cause), MaxReasonLength));
        }
    }

    /// <summary>Records that the stores answered; logs the end of an outage once.</summary>
    public void Answered()
    {
        if (!_unavailable)
        {
            return;
        }

        lock (_gate)
        {
            if (!_unavailable)
            {
                return;
            }

            _unavailable = false;
            logger.StorageAvailable(time.GetElapsedTime(_outageStartedAt), _refused);
            _refused = 0;
        }
    }

    /// <summary>The kind of failure, from the innermost exception: its type and message, never a stack trace.</summary>
    private static string Reason(Exception cause)
    {
        var innermost = cause;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost == cause ? cause.Message : $"{cause.Message} {innermost.GetType().Name}: {innermost.Message}";
    }
}
