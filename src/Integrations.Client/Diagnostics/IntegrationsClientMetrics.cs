using System.Diagnostics.Metrics;
using Integrations.Client.Onboarding;

namespace Integrations.Client.Diagnostics;

/// <summary>
/// The client package's <see cref="System.Diagnostics.Metrics"/> instruments, on the meter <see cref="MeterName"/>
/// (<c>dotnet-counters monitor --counters Integrations.Client</c>, or <c>AddMeter(IntegrationsClientMetrics.MeterName)</c>
/// in OpenTelemetry). Tags have a small fixed set of values, never a key or a URL. Registered by <c>AddIntegrationsClient</c>.
/// </summary>
public sealed class IntegrationsClientMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Integrations.Client";

    /// <summary>Counter of onboarding events, tagged <see cref="OutcomeTag"/>: <c>received</c>, <c>connected</c>, <c>reauthorized</c>, <c>failed</c>.</summary>
    public const string Onboardings = "integrations.client.onboardings";

    /// <summary>The tag naming how an onboarding step ended.</summary>
    public const string OutcomeTag = "integrations.outcome";

    private readonly Counter<long> _onboardings;

    /// <summary>Creates the instruments on a meter made by <paramref name="meterFactory"/> (which owns and disposes it).</summary>
    /// <param name="meterFactory">The app's meter factory.</param>
    public IntegrationsClientMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _onboardings = meterFactory.Create(MeterName).CreateCounter<long>(Onboardings, "{event}", "Credentials POSTs received and token exchanges connected, reauthorized or failed.");
    }

    /// <summary>Counts one onboarding event.</summary>
    /// <param name="kind">What happened.</param>
    internal void RecordOnboarding(IntegrationConnectionEventKind kind) =>
        _onboardings.Add(1, new KeyValuePair<string, object?>(OutcomeTag, kind switch
        {
            IntegrationConnectionEventKind.Received => "received",
            IntegrationConnectionEventKind.Connected => "connected",
            IntegrationConnectionEventKind.Reauthorized => "reauthorized",
            _ => "failed",
        }));
}
