using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Integrations.Activation;

/// <summary>
/// Settings of the activation handshake: how the credentials are posted to an integration's callback URL and
/// what the admin is sent to afterwards. Validated at start-up.
/// </summary>
public sealed class ActivationOptions
{
    /// <summary>
    /// The name of the <see cref="System.Net.Http.IHttpClientFactory"/> client that posts the credentials (no redirects,
    /// no cookies): a host adds handlers or a proxy to it with <c>services.AddHttpClient(CallbackHttpClientName)</c>.
    /// </summary>
    public const string CallbackHttpClientName = "Integrations.Core.Callback";

    /// <summary>The default of <see cref="CallbackTimeout"/> (Magento's <c>oauth/consumer/post_timeout</c>).</summary>
    public static readonly TimeSpan DefaultCallbackTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The store's base URL, posted to the callback URL as <c>store_base_url</c> (for example
    /// <c>https://shop.example/</c>). Required as soon as an integration with a callback URL is activated.
    /// </summary>
    public Uri? StoreBaseUrl { get; set; }

    /// <summary>How long the callback URL has to answer the credentials POST. Default 5 seconds; 100 ms to 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = OptionsValidation.TimeSpanRange)]
    public TimeSpan CallbackTimeout { get; set; } = DefaultCallbackTimeout;

    /// <summary>
    /// Whether credentials may be posted to an <c>http:</c> callback URL. Off by default: the consumer secret
    /// travels in that POST, so only turn this on for local development.
    /// </summary>
    public bool AllowInsecureCallbackUrls { get; set; }

    /// <summary>
    /// The admin page the third party sends the admin's browser back to when it finished the exchange: the
    /// <c>success_call_back</c> parameter of the identity link (Magento's <c>integration/loginSuccessCallback</c>).
    /// When <see langword="null"/> the identity link carries only <c>oauth_consumer_key</c>.
    /// </summary>
    public Uri? SuccessCallbackUrl { get; set; }
}
