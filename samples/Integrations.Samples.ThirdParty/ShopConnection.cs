namespace Integrations.Samples.ThirdParty;

/// <summary>
/// What the third party knows about one shop that activated its integration: the credentials the shop posted to
/// the callback URL, the access token it obtained with them, and how its last API call went. Immutable; every
/// step stores a new instance.
/// </summary>
/// <param name="ConsumerKey">The consumer key the shop issued.</param>
/// <param name="ConsumerSecret">The consumer secret (posted in clear by the shop, as Magento does).</param>
/// <param name="StoreBaseUrl">The shop's base URL; its token endpoints and API live below it.</param>
/// <param name="Verifier">The verifier to present with the request token.</param>
public sealed record ShopConnection(string ConsumerKey, string ConsumerSecret, Uri StoreBaseUrl, string Verifier)
{
    /// <summary>The access token, once the exchange succeeded.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The access token secret, once the exchange succeeded.</summary>
    public string? AccessTokenSecret { get; init; }

    /// <summary>Where the connection stands: <c>received</c>, <c>connected</c> or <c>failed</c>.</summary>
    public string State { get; init; } = "received";

    /// <summary>Why the exchange failed, as the shop answered.</summary>
    public string? Error { get; init; }

    /// <summary>The last call to the shop's API, or <see langword="null"/>.</summary>
    public ShopApiCall? LastApiCall { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"Connection to {StoreBaseUrl} as consumer {ConsumerKey} ({State})";
}
