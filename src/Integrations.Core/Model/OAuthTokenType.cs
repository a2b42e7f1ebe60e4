namespace Integrations.Model;

/// <summary>The kind of token an integration currently holds.</summary>
public enum OAuthTokenType
{
    /// <summary>A temporary credential issued by <c>/oauth/token/request</c>, to be exchanged for an access token.</summary>
    Request = 1,

    /// <summary>The token credential that signs API calls.</summary>
    Access = 2,
}
