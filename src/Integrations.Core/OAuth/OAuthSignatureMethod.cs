namespace Integrations.OAuth;

/// <summary>The signature methods of RFC 5849 §3.4 this library implements (PLAINTEXT and RSA-SHA1 are not offered, as in Magento).</summary>
public enum OAuthSignatureMethod
{
    /// <summary><c>HMAC-SHA1</c> (RFC 5849 §3.4.2).</summary>
    HmacSha1 = 1,

    /// <summary><c>HMAC-SHA256</c>: the same construction with SHA-256 (what Magento 2.4.4+ requires).</summary>
    HmacSha256 = 2,
}
