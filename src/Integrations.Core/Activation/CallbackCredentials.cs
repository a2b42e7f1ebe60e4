namespace Integrations.Activation;

/// <summary>
/// What is posted to a callback URL besides the store base URL. <see cref="ToString"/> never prints the secrets.
/// </summary>
/// <param name="ConsumerKey">The consumer key (<c>oauth_consumer_key</c>).</param>
/// <param name="ConsumerSecret">The consumer secret (<c>oauth_consumer_secret</c>).</param>
/// <param name="Verifier">The verifier of this exchange (<c>oauth_verifier</c>).</param>
internal sealed record CallbackCredentials(string ConsumerKey, string ConsumerSecret, string Verifier)
{
    /// <inheritdoc />
    public override string ToString() => $"Callback credentials of consumer {ConsumerKey} (secrets redacted)";
}
