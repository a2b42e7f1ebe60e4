namespace Integrations.Client.Onboarding;

/// <summary>A received, connected, reauthorized or failed onboarding, as <see cref="IIntegrationConnectionObserver"/>s see it. Holds no secret.</summary>
public sealed class IntegrationConnectionEvent
{
    /// <summary>What happened.</summary>
    public required IntegrationConnectionEventKind Kind { get; init; }

    /// <summary>The consumer key, or <see langword="null"/> when a refused POST carried none.</summary>
    public string? ConsumerKey { get; init; }

    /// <summary>The shop's base URL, or <see langword="null"/> when a refused POST carried no valid one.</summary>
    public Uri? StoreBaseUrl { get; init; }

    /// <summary>Why it failed (the shop's phrase, the timeout, the validation that refused the POST); <see langword="null"/> unless <see cref="Kind"/> is <see cref="IntegrationConnectionEventKind.Failed"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The exception behind a failure, or <see langword="null"/>.</summary>
    public Exception? Exception { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <inheritdoc />
    public override string ToString() => Reason is null ? $"{Kind}: {ConsumerKey} at {StoreBaseUrl}" : $"{Kind}: {ConsumerKey} at {StoreBaseUrl}: {Reason}";
}
