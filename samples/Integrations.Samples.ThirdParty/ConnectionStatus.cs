namespace Integrations.Samples.ThirdParty;

/// <summary>Where one shop's connection stands, as the app's page and API show it (no secret).</summary>
/// <param name="ConsumerKey">The consumer key the shop issued.</param>
/// <param name="StoreBaseUrl">The shop's base URL.</param>
/// <param name="State"><c>received</c>, <c>connected</c> or <c>failed</c>.</param>
public sealed record ConnectionStatus(string ConsumerKey, Uri StoreBaseUrl, string State)
{
    /// <summary>Why the last exchange failed, or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>The last call to the shop's API, or <see langword="null"/>.</summary>
    public ShopApiCall? LastApiCall { get; init; }
}
