using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Integrations.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Integrations.OAuth.Validation;

/// <summary>
/// Logs refused OAuth requests without letting their senders write the log: each refusal is one Debug line, with the
/// caller's text escaped and capped (<see cref="LogText"/>), and counted by reason; once a minute at most, an
/// Information line sums up the refusals of that minute per reason, instead of a line per call at Information. So a
/// flood of forged requests costs one line a minute at the levels hosts keep, and a crafted header forges no line.
/// Singleton.
/// </summary>
internal sealed class OAuthRefusalLog : IDisposable
{
    /// <summary>How often the summary is written (when there was a refusal).</summary>
    public static readonly TimeSpan SummaryPeriod = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);
    private readonly ILogger<OAuthRefusalLog> _logger;
    private readonly ITimer _timer;
    private readonly TimeProvider _time;
    private long _since;

    public OAuthRefusalLog(ILogger<OAuthRefusalLog> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        _since = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((OAuthRefusalLog)state!).WriteSummary(), this, SummaryPeriod, SummaryPeriod);
    }

    /// <summary>Logs and counts a refusal of the engine.</summary>
    /// <param name="flow">The flow of the request.</param>
    /// <param name="problem">Why it was refused.</param>
    /// <param name="consumerKey">The consumer key the request presented (the caller's text), if it got that far.</param>
    public void Refused(OAuthFlow flow, OAuthProblem problem, string? consumerKey)
    {
        Count(problem.Reason.ToString());
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.RequestRejected(flow, problem.Code, problem.Reason, LogText.Escape(consumerKey));
        }
    }

    /// <summary>Logs and counts a refusal of the token exchange (the request itself was authentic).</summary>
    /// <param name="flow">The flow of the request.</param>
    /// <param name="code">The problem code.</param>
    /// <param name="phrase">Magento's phrase.</param>
    /// <param name="name">The integration's name.</param>
    /// <param name="integrationId">The integration.</param>
    public void ExchangeRefused(OAuthFlow flow, string code, string phrase, string name, Guid integrationId)
    {
        Count(flow.Name + ":" + code);
        _logger.ExchangeRejected(flow, name, integrationId, code, phrase);
    }

    /// <summary>Logs and counts a refused Bearer token.</summary>
    /// <param name="integrationId">The integration holding the token, if any.</param>
    public void BearerRefused(Guid? integrationId)
    {
        Count(nameof(OAuthProblemReason.BearerTokenRejected));
        _logger.BearerTokenRejected(integrationId);
    }

    /// <summary>Writes the summary of the refusals counted since the last one, if there were any.</summary>
    public void WriteSummary()
    {
        var now = _time.GetTimestamp();
        var period = _time.GetElapsedTime(Interlocked.Exchange(ref _since, now), now);
        var total = 0L;
        var reasons = new StringBuilder();
        foreach (var (reason, count) in _counts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var taken = Interlocked.Exchange(ref count.Value, 0);
            if (taken > 0)
            {
                total += taken;
                reasons.Append(reasons.Length == 0 ? string.Empty : ", ").Append(reason).Append(' ').Append(taken);
            }
        }

        if (total > 0)
        {
            _logger.RefusalSummary(total, period, reasons.ToString());
        }
    }

    /// <summary>Stops the timer and sums up the refusals counted since the last summary, so a stopping host drops none.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        WriteSummary();
    }

    private void Count(string reason) =>
        Interlocked.Increment(ref _counts.GetOrAdd(reason, static _ => new StrongBox<long>()).Value);
}
