namespace Integrations.Samples.ThirdParty;

/// <summary>The outcome of one signed call to the shop's API.</summary>
/// <param name="Url">The URL called.</param>
/// <param name="StatusCode">The HTTP status the shop answered.</param>
/// <param name="Body">The body the shop answered.</param>
public sealed record ShopApiCall(Uri Url, int StatusCode, string Body);
