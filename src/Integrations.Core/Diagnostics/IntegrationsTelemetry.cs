namespace Integrations.Diagnostics;

/// <summary>
/// The names under which <c>Integrations.Core</c> reports, for a host's telemetry setup. Metrics:
/// <c>.WithMetrics(m =&gt; m.AddMeter(IntegrationsTelemetry.MeterName))</c> or
/// <c>dotnet-counters monitor --counters Integrations.Core</c>. Traces:
/// <c>.WithTracing(t =&gt; t.AddSource(IntegrationsTelemetry.ActivitySourceName))</c>. The instruments, spans and tags
/// are listed in the Core README's Telemetry section; no id, key or secret is ever a tag.
/// </summary>
public static class IntegrationsTelemetry
{
    /// <summary>The meter's name, the package's name: <c>Integrations.Core</c>.</summary>
    public const string MeterName = "Integrations.Core";

    /// <summary>The activity source's name, the package's name: <c>Integrations.Core</c>.</summary>
    public const string ActivitySourceName = "Integrations.Core";
}
