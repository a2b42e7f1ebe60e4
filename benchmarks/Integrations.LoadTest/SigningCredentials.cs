using Integrations.OAuth;

namespace Integrations.LoadTest;

/// <summary>The active integration's consumer and access token, shared by every host on one database.</summary>
internal sealed record SigningCredentials(string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret)
{
    public OAuthClientCredentials ToClientCredentials() => new()
    {
        ConsumerKey = ConsumerKey,
        ConsumerSecret = ConsumerSecret,
        Token = AccessToken,
        TokenSecret = AccessTokenSecret,
        SignatureMethod = OAuthSignatureMethod.HmacSha256,
    };
}
