namespace Integrations.Stores;

/// <summary>
/// Remembers the nonces of accepted requests so none can be replayed. A nonce is unique per consumer key;
/// <see cref="TryAddAsync"/> is atomic: among any number of concurrent adds of one nonce, exactly one wins.
/// </summary>
public interface INonceStore
{
    /// <summary>Records a nonce unless it is already recorded and not yet expired.</summary>
    /// <param name="consumerKey">The consumer key that signed the request.</param>
    /// <param name="nonce">The nonce.</param>
    /// <param name="expiresAt">When the nonce may be forgotten (at least the end of the timestamp window).</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns><see langword="true"/> if this call recorded the nonce; <see langword="false"/> if it was used.</returns>
    ValueTask<bool> TryAddAsync(string consumerKey, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Removes at most <paramref name="batchSize"/> nonces that expired before <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="batchSize">The most nonces to remove in this call.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>How many nonces were removed.</returns>
    ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}
