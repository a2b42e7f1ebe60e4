using System.Collections.Concurrent;
using System.Diagnostics;
using Integrations.Diagnostics;

namespace Integrations.Core.Tests.Diagnostics;

/// <summary>
/// Listens to the library's <see cref="IntegrationsActivitySource"/> and keeps the spans started under this object's
/// own root span, so tests running in parallel do not see each other's spans.
/// </summary>
internal sealed class RecordedActivities : IDisposable
{
    private static readonly ActivitySource TestSource = new("Integrations.Tests");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly Activity _root;

    public RecordedActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is IntegrationsActivitySource.Name or "Integrations.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _stopped.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_listener);
        _root = TestSource.StartActivity("test")!;
    }

    /// <summary>The library's spans of this test, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans =>
        [.. _stopped.Where(a => a.TraceId == _root.TraceId && a.Source.Name == IntegrationsActivitySource.Name)];

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}
