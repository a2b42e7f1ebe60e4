namespace Integrations.Samples.ThirdParty;

/// <summary>The outcome of one signed call to the shop's API.</summary>
/// <param name="Url">The URL called.</param>
/// <param name="StatusCode">The HTTP status the shop answered.</param>
/// <param name="Body">The body the shop answered, or its phrase when it refused the call.</param>
/// <param name="Problem">The shop's OAuth problem code when it refused the call (for example <c>token_rejected</c>), or <see langword="null"/>.</param>
public sealed record ShopApiCall(Uri Url, int StatusCode, string Body, string? Problem = null);
