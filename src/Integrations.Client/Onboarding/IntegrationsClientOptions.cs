using Integrations.OAuth;

namespace Integrations.Client.Onboarding;

/// <summary>What the onboarding receiver accepts and how the token exchange and the connection-signed clients behave.</summary>
public sealed class IntegrationsClientOptions
{
    /// <summary>
    /// The shops whose credentials POST is accepted: their base URLs as the shop posts them in <c>store_base_url</c>
    /// (compared by scheme, host, port and path, a missing trailing <c>/</c> added). Required unless
    /// <see cref="AcceptAnyStore"/> is set: a receiver that takes any URL would sign requests to any host with the secrets it receives.
    /// </summary>
    public IList<Uri> AllowedStoreBaseUrls { get; } = [];

    /// <summary>Accepts a credentials POST from any shop (a multi-tenant service that onboards unknown shops). Default off.</summary>
    public bool AcceptAnyStore { get; set; }

    /// <summary>Accepts <c>http</c> store base URLs (development only). Default off: the secrets then travel in clear.</summary>
    public bool AllowInsecureStoreUrls { get; set; }

    /// <summary>The largest credentials POST body read, in bytes (default 4,096; Magento's four fields take about 200).</summary>
    public int MaxCallbackBodyBytes { get; set; } = 4096;

    /// <summary>How long the whole token exchange (both calls, retries included) may take (default 30 s; at most 1 day).</summary>
    public TimeSpan ExchangeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one call of the token exchange may take (default 10 s; 10 ms to 1 day).</summary>
    public TimeSpan ExchangeAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The signature method of the exchange and of the connection-signed calls (default HMAC-SHA256, what Magento 2.4.4+ requires).</summary>
    public OAuthSignatureMethod SignatureMethod { get; set; } = OAuthSignatureMethod.HmacSha256;

    /// <summary>The <c>realm</c> sent in the headers of connection-signed calls, or <see langword="null"/> (none).</summary>
    public string? Realm { get; set; }

    /// <summary>The request-token endpoint, relative to the store base URL (default <c>oauth/token/request</c>, Magento's).</summary>
    public string RequestTokenPath { get; set; } = "oauth/token/request";

    /// <summary>The access-token endpoint, relative to the store base URL (default <c>oauth/token/access</c>, Magento's).</summary>
    public string AccessTokenPath { get; set; } = "oauth/token/access";

    /// <summary>
    /// How long decrypted connection credentials are kept for signing (default 1 minute). A reauthorization received by
    /// this instance replaces them at once; one received by another instance of the app is seen within this time.
    /// </summary>
    public TimeSpan CredentialsCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);
}
