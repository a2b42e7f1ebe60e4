using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Integrations.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Diagnostics;

/// <summary>
/// A real <see cref="IntegrationsMetrics"/> on its own meter factory, with a listener that records what its
/// instruments measure (and only theirs, so tests running in parallel do not see each other's measurements).
/// </summary>
internal sealed class RecordedMetrics : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public RecordedMetrics(bool listen = true)
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new IntegrationsMetrics(factory);
        if (!listen)
        {
            return;
        }

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == IntegrationsMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public IntegrationsMetrics Metrics { get; }

    /// <summary>The measurements of one instrument, each as its value and its tags.</summary>
    public IReadOnlyList<Measurement> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string)));

    /// <summary>One recorded measurement.</summary>
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);
}
