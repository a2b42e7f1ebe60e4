namespace Integrations.Stores;

/// <summary>
/// A nonce to record for an accepted request: the consumer key that signed it, the nonce, how long to keep it, and the
/// <see cref="Model.Integration.ConcurrencyToken"/> of the integration as the request was decided on. The nonce is
/// recorded only if the integration holding <see cref="ConsumerKey"/> still has that concurrency token, so recording
/// the nonce is also the check that the credentials were not revoked or changed meanwhile.
/// </summary>
/// <remarks>
/// <see cref="Nonce"/> may point into the validator's per-request buffer, so recording a nonce allocates nothing unless
/// the store keeps it: it is valid until the <see cref="INonceStore.TryAddAsync(NonceRecord, CancellationToken)"/> (or
/// batch) call that receives it completes. A store that keeps the nonce copies it (<c>Nonce.ToString()</c>).
/// </remarks>
public readonly struct NonceRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="consumerKey">The consumer key that signed the request.</param>
    /// <param name="nonce">The nonce (valid until the store call that receives the record completes).</param>
    /// <param name="expiresAt">When the nonce may be forgotten (at least the end of the timestamp window).</param>
    /// <param name="integrationConcurrencyToken">The concurrency token of the integration the request was decided on.</param>
    public NonceRecord(string consumerKey, ReadOnlyMemory<char> nonce, DateTimeOffset expiresAt, string integrationConcurrencyToken)
    {
        ConsumerKey = consumerKey;
        Nonce = nonce;
        ExpiresAt = expiresAt;
        IntegrationConcurrencyToken = integrationConcurrencyToken;
    }

    /// <summary>Creates a record of a nonce held as a string.</summary>
    /// <param name="consumerKey">The consumer key that signed the request.</param>
    /// <param name="nonce">The nonce.</param>
    /// <param name="expiresAt">When the nonce may be forgotten (at least the end of the timestamp window).</param>
    /// <param name="integrationConcurrencyToken">The concurrency token of the integration the request was decided on.</param>
    public NonceRecord(string consumerKey, string nonce, DateTimeOffset expiresAt, string integrationConcurrencyToken)
        : this(consumerKey, nonce.AsMemory(), expiresAt, integrationConcurrencyToken)
    {
    }

    /// <summary>The consumer key that signed the request.</summary>
    public string ConsumerKey { get; }

    /// <summary>The nonce, as sent (percent-decoded); valid until the store call that receives the record completes.</summary>
    public ReadOnlyMemory<char> Nonce { get; }

    /// <summary>When the nonce may be forgotten (at least the end of the timestamp window).</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The concurrency token of the integration the request was decided on.</summary>
    public string IntegrationConcurrencyToken { get; }
}
