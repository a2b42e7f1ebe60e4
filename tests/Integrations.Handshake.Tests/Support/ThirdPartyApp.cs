using System.Text;
using Integrations.Activation;
using Integrations.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Handshake.Tests.Support;

/// <summary>
/// What a Magento third-party client does after it received the credentials: signs the request-token, access-token
/// and API calls with the engine's client signer (HMAC-SHA256, fresh nonce, the store's clock) and hands them to the
/// store's services as an HTTP adapter would.
/// </summary>
internal sealed class ThirdPartyApp(IServiceProvider services)
{
    public const string Store = "https://shop.example";

    public const string ProductsUrl = Store + "/rest/V1/products?searchCriteria%5BpageSize%5D=20";

    public Task<TokenExchangeResult> RequestTokenAsync(string consumerKey, string consumerSecret) =>
        ExchangeAsync(
            Store + "/oauth/token/request",
            new OAuthClientCredentials { ConsumerKey = consumerKey, ConsumerSecret = consumerSecret },
            (service, request) => service.IssueRequestTokenAsync(request));

    public Task<TokenExchangeResult> AccessTokenAsync(string consumerKey, string consumerSecret, string requestToken, string requestTokenSecret, string verifier) =>
        ExchangeAsync(
            Store + "/oauth/token/access",
            new OAuthClientCredentials { ConsumerKey = consumerKey, ConsumerSecret = consumerSecret, Token = requestToken, TokenSecret = requestTokenSecret, Verifier = verifier },
            (service, request) => service.IssueAccessTokenAsync(request));

    /// <summary>The first half of the request-token step: the engine's verdict on the signed request, as of now.</summary>
    public async Task<OAuthValidationResult> AuthenticateRequestTokenAsync(string consumerKey, string consumerSecret)
    {
        await using var scope = services.CreateAsyncScope();
        var request = Sign("POST", Store + "/oauth/token/request", new OAuthClientCredentials { ConsumerKey = consumerKey, ConsumerSecret = consumerSecret });
        return await scope.ServiceProvider.GetRequiredService<IOAuthRequestValidator>().ValidateAsync(request, OAuthFlow.RequestToken);
    }

    /// <summary>The second half: the exchange on a verdict taken earlier (the integration may have changed since).</summary>
    public async Task<TokenExchangeResult> IssueRequestTokenAsync(OAuthValidationResult authenticated)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITokenExchangeService>().IssueRequestTokenAsync(authenticated);
    }

    /// <summary>Calls the protected "list products" operation, as the API adapter validates it.</summary>
    public async Task<OAuthValidationResult> CallProductsAsync(string consumerKey, string consumerSecret, string accessToken, string accessTokenSecret)
    {
        await using var scope = services.CreateAsyncScope();
        var request = Sign("GET", ProductsUrl, new OAuthClientCredentials { ConsumerKey = consumerKey, ConsumerSecret = consumerSecret, Token = accessToken, TokenSecret = accessTokenSecret });
        return await scope.ServiceProvider.GetRequiredService<IOAuthRequestValidator>().ValidateAsync(request, OAuthFlow.ProtectedResource);
    }

    /// <summary>Reads a token endpoint's success body the way a client does.</summary>
    public static (string Token, string Secret) ParseTokenBody(string body)
    {
        var fields = body.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]));
        fields.Keys.Should().BeEquivalentTo("oauth_token", "oauth_token_secret");
        return (fields["oauth_token"], fields["oauth_token_secret"]);
    }

    private async Task<TokenExchangeResult> ExchangeAsync(string url, OAuthClientCredentials credentials, Func<ITokenExchangeService, OAuthWireRequest, Task<TokenExchangeResult>> call)
    {
        await using var scope = services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<ITokenExchangeService>(), Sign("POST", url, credentials));
    }

    private OAuthWireRequest Sign(string method, string url, OAuthClientCredentials credentials)
    {
        var request = new OAuthWireRequest { Method = method, Url = url, ContentType = "application/x-www-form-urlencoded", Body = Encoding.UTF8.GetBytes(string.Empty) };
        return request with { Authorization = services.GetRequiredService<IOAuthSigner>().CreateAuthorizationHeader(request, credentials) };
    }
}
