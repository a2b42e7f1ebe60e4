namespace Integrations.Stores;

/// <summary>
/// A nonce to record for an accepted request: the consumer key that signed it, the nonce, how long to keep it, and the
/// <see cref="Model.Integration.ConcurrencyToken"/> of the integration as the request was decided on. The nonce is
/// recorded only if the integration holding <see cref="ConsumerKey"/> still has that concurrency token, so recording
/// the nonce is also the check that the credentials were not revoked or changed meanwhile.
/// </summary>
/// <param name="ConsumerKey">The consumer key that signed the request.</param>
/// <param name="Nonce">The nonce.</param>
/// <param name="ExpiresAt">When the nonce may be forgotten (at least the end of the timestamp window).</param>
/// <param name="IntegrationConcurrencyToken">The concurrency token of the integration the request was decided on.</param>
public readonly record struct NonceRecord(string ConsumerKey, string Nonce, DateTimeOffset ExpiresAt, string IntegrationConcurrencyToken);
