namespace Integrations.Stores;

/// <summary>
/// Remembers the nonces of accepted requests so none can be replayed. A nonce is unique per consumer key;
/// <see cref="TryAddAsync(IReadOnlyList{NonceRecord}, CancellationToken)"/> is atomic: among any number of concurrent adds of one nonce, across any number of app
/// instances, exactly one is <see cref="NonceOutcome.Recorded"/>.
/// </summary>
public interface INonceStore
{
    /// <summary>
    /// Records each nonce unless it is already recorded and not yet expired, and only if the integration holding its
    /// consumer key still has the record's <see cref="NonceRecord.IntegrationConcurrencyToken"/>. The whole batch is
    /// one unit of work (for a database: one statement or at least one transaction), so concurrent requests share one
    /// commit. The records of one call name distinct (consumer key, nonce) pairs.
    /// </summary>
    /// <param name="records">The nonces to record.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>One outcome per record, in the order of <paramref name="records"/>.</returns>
    /// <exception cref="ArgumentException">Two records name the same pair, or a consumer key or nonce is empty or too long for the store.</exception>
    /// <exception cref="StorageUnavailableException">The store cannot answer now; nothing can be assumed recorded.</exception>
    ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Records one nonce, as <see cref="TryAddAsync(IReadOnlyList{NonceRecord}, CancellationToken)"/> does for a batch of
    /// one (which the default implementation calls). A store that can record one nonce without allocating a batch
    /// overrides it: it is the call of every accepted request when nonces are not batched.
    /// </summary>
    /// <param name="record">The nonce to record.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The consumer key or nonce is empty or too long for the store.</exception>
    /// <exception cref="StorageUnavailableException">The store cannot answer now; nothing can be assumed recorded.</exception>
    async ValueTask<NonceOutcome> TryAddAsync(NonceRecord record, CancellationToken cancellationToken) =>
        (await TryAddAsync([record], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Removes at most <paramref name="batchSize"/> nonces that expired before <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="batchSize">The most nonces to remove in this call.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>How many nonces were removed.</returns>
    /// <exception cref="StorageUnavailableException">The store cannot answer now.</exception>
    ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}
