namespace Integrations.OAuth;

/// <summary>The protocol parameter names of RFC 5849 (and <c>oauth_problem</c> of the error bodies).</summary>
internal static class OAuthParameterNames
{
    /// <summary><c>oauth_consumer_key</c>.</summary>
    public const string ConsumerKey = "oauth_consumer_key";

    /// <summary><c>oauth_token</c>.</summary>
    public const string Token = "oauth_token";

    /// <summary><c>oauth_token_secret</c> (only in token responses; never accepted in a request).</summary>
    public const string TokenSecret = "oauth_token_secret";

    /// <summary><c>oauth_signature_method</c>.</summary>
    public const string SignatureMethod = "oauth_signature_method";

    /// <summary><c>oauth_signature</c>.</summary>
    public const string Signature = "oauth_signature";

    /// <summary><c>oauth_timestamp</c>.</summary>
    public const string Timestamp = "oauth_timestamp";

    /// <summary><c>oauth_nonce</c>.</summary>
    public const string Nonce = "oauth_nonce";

    /// <summary><c>oauth_version</c>.</summary>
    public const string Version = "oauth_version";

    /// <summary><c>oauth_callback</c>.</summary>
    public const string Callback = "oauth_callback";

    /// <summary><c>oauth_verifier</c>.</summary>
    public const string Verifier = "oauth_verifier";

    /// <summary><c>oauth_problem</c>, the field of Magento's error bodies.</summary>
    public const string Problem = "oauth_problem";

    /// <summary><c>realm</c>, the unsigned header parameter.</summary>
    public const string Realm = "realm";

    /// <summary>The prefix of every protocol parameter.</summary>
    public const string Prefix = "oauth_";
}
