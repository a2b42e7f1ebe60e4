namespace Integrations.Stores;

/// <summary>What <see cref="INonceStore.TryAddAsync(IReadOnlyList{NonceRecord}, CancellationToken)"/> did with one <see cref="NonceRecord"/>.</summary>
public enum NonceOutcome
{
    /// <summary>The nonce was recorded: the request is the first with it, and its integration is unchanged.</summary>
    Recorded = 1,

    /// <summary>The nonce is already recorded for the consumer key and not expired: the request is a replay.</summary>
    Used,

    /// <summary>
    /// Nothing was recorded: the integration holding the consumer key no longer has the expected concurrency token
    /// (it was changed, reauthorized, deactivated or deleted). The request must be decided again on fresh data.
    /// </summary>
    IntegrationChanged,
}
