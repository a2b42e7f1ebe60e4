using System.ComponentModel.DataAnnotations;

namespace Integrations.Stores;

/// <summary>How the request path uses the stores: how long it waits for them and how it batches nonce writes.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// The longest a signed request, a token exchange or a nonce batch waits for the stores (a free connection included)
    /// before it is answered <c>503</c>. Default 5 seconds; at least 100 ms and at most 1 day, or <see cref="Timeout.InfiniteTimeSpan"/> for
    /// stores that never wait (the in-memory stores set it: no timer per request).
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>Retry-After</c> sent with a <c>503</c> caused by the stores. Default 5 seconds; whole seconds, at least 1.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the nonces of concurrent requests are written together: one store call (one statement, one transaction)
    /// records every nonce queued at that moment, without waiting for more. On for the EF Core stores (one commit and
    /// one connection per batch instead of per request), off for the in-memory stores.
    /// </summary>
    public bool BatchNonces { get; set; }

    /// <summary>The most nonces written in one batch. Default 256; 1 to 4,096.</summary>
    [Range(1, 4096)]
    public int MaxNonceBatchSize { get; set; } = 256;
}
