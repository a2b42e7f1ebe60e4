using Integrations.OAuth;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.Samples.ThirdParty;

/// <summary>
/// Talks to the shop as a Magento third-party client does: the request-token and access-token exchange, then API
/// calls, every request signed by Core's <see cref="IOAuthSigner"/> (the <c>Authorization: OAuth …</c> header).
/// </summary>
public sealed class ShopOAuthClient(HttpClient http, IOAuthSigner signer)
{
    /// <summary>Runs the token exchange: <c>/oauth/token/request</c>, then <c>/oauth/token/access</c> with the verifier.</summary>
    /// <param name="connection">The credentials the shop posted.</param>
    /// <param name="cancellationToken">A token that can be used to abort the exchange.</param>
    /// <returns>The connection with its access token and secret.</returns>
    /// <exception cref="ShopRefusedException">The shop refused a step.</exception>
    public async Task<ShopConnection> ExchangeAsync(ShopConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (requestToken, requestTokenSecret) = await PostForTokenAsync(
            new Uri(connection.StoreBaseUrl, "oauth/token/request"),
            new OAuthClientCredentials { ConsumerKey = connection.ConsumerKey, ConsumerSecret = connection.ConsumerSecret },
            cancellationToken);
        var (accessToken, accessTokenSecret) = await PostForTokenAsync(
            new Uri(connection.StoreBaseUrl, "oauth/token/access"),
            new OAuthClientCredentials
            {
                ConsumerKey = connection.ConsumerKey,
                ConsumerSecret = connection.ConsumerSecret,
                Token = requestToken,
                TokenSecret = requestTokenSecret,
                Verifier = connection.Verifier,
            },
            cancellationToken);
        return connection with { AccessToken = accessToken, AccessTokenSecret = accessTokenSecret, State = "connected", Error = null };
    }

    /// <summary>Calls the shop's API with a GET signed by the connection's access token.</summary>
    /// <param name="connection">A connected connection.</param>
    /// <param name="relativeUrl">The API path below the store base URL, e.g. <c>rest/V1/products</c>.</param>
    /// <param name="cancellationToken">A token that can be used to abort the call.</param>
    /// <returns>What the shop answered.</returns>
    public async Task<ShopApiCall> GetAsync(ShopConnection connection, string relativeUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var url = new Uri(connection.StoreBaseUrl, relativeUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        Sign(request, new OAuthClientCredentials
        {
            ConsumerKey = connection.ConsumerKey,
            ConsumerSecret = connection.ConsumerSecret,
            Token = connection.AccessToken,
            TokenSecret = connection.AccessTokenSecret,
        });
        using var response = await http.SendAsync(request, cancellationToken);
        return new ShopApiCall(url, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private async Task<(string Token, string Secret)> PostForTokenAsync(Uri url, OAuthClientCredentials credentials, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        Sign(request, credentials);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var fields = QueryHelpers.ParseQuery(body);
        if (!response.IsSuccessStatusCode)
        {
            throw new ShopRefusedException((int)response.StatusCode, fields.TryGetValue("oauth_problem", out var problem) ? problem.ToString() : body);
        }

        if (!fields.TryGetValue("oauth_token", out var token) || !fields.TryGetValue("oauth_token_secret", out var secret))
        {
            throw new ShopRefusedException((int)response.StatusCode, "the answer has no oauth_token and oauth_token_secret");
        }

        return (token.ToString(), secret.ToString());
    }

    private void Sign(HttpRequestMessage request, OAuthClientCredentials credentials)
    {
        var header = signer.CreateAuthorizationHeader(
            new OAuthWireRequest { Method = request.Method.Method, Url = request.RequestUri!.AbsoluteUri },
            credentials);
        request.Headers.TryAddWithoutValidation("Authorization", header);
    }
}
