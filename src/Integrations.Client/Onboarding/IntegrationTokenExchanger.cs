using System.Net.Http;
using Integrations.Client.Errors;
using Integrations.Client.Signing;
using Integrations.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Integrations.Client.Onboarding;

/// <summary>
/// Magento's token exchange, the third party's half: a signed POST to <c>/oauth/token/request</c> with the consumer
/// key and secret, then one to <c>/oauth/token/access</c> with the request token and the verifier. Both go through the
/// named client <see cref="HttpClientName"/> (signing handler, timeouts, retries of what the shop never received).
/// </summary>
internal sealed class IntegrationTokenExchanger(IHttpClientFactory clients, IOAuthSigner signer, IOptions<IntegrationsClientOptions> options)
{
    /// <summary>The <see cref="IHttpClientFactory"/> client of the exchange.</summary>
    public const string HttpClientName = "Integrations.Client.TokenExchange";

    /// <summary>The longest token answer read (<c>oauth_token=...&amp;oauth_token_secret=...</c> is far shorter).</summary>
    private const int MaxAnswerLength = 4096;

    /// <summary>Runs both calls and returns the access token and its secret.</summary>
    /// <exception cref="OAuthRejectedException">The shop refused a call (its status, phrase and problem code).</exception>
    /// <exception cref="InvalidDataException">The shop answered 2xx without <c>oauth_token</c> and <c>oauth_token_secret</c>.</exception>
    /// <exception cref="HttpRequestException">The shop could not be reached.</exception>
    public async Task<(string Token, string Secret)> ExchangeAsync(ReceivedCredentials received, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (requestToken, requestTokenSecret) = await PostForTokenAsync(
            new Uri(received.StoreBaseUrl, settings.RequestTokenPath),
            new OAuthClientCredentials { ConsumerKey = received.ConsumerKey, ConsumerSecret = received.ConsumerSecret, SignatureMethod = settings.SignatureMethod },
            cancellationToken).ConfigureAwait(false);
        return await PostForTokenAsync(
            new Uri(received.StoreBaseUrl, settings.AccessTokenPath),
            new OAuthClientCredentials
            {
                ConsumerKey = received.ConsumerKey,
                ConsumerSecret = received.ConsumerSecret,
                Token = requestToken,
                TokenSecret = requestTokenSecret,
                Verifier = received.Verifier,
                SignatureMethod = settings.SignatureMethod,
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string Token, string Secret)> PostForTokenAsync(Uri url, OAuthClientCredentials credentials, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.SignedWith(credentials);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (await OAuthRejection.ReadAsync(response, signer, cancellationToken).ConfigureAwait(false) is { } rejection)
        {
            throw new OAuthRejectedException(rejection);
        }

        // a token answer is short: a shop answering more (or without end) is refused once that is known, not read to its end
        var body = await OAuthRejection.ReadBodyAsync(response.Content, MaxAnswerLength + 1, cancellationToken).ConfigureAwait(false);
        var fields = QueryHelpers.ParseQuery(body.Length > MaxAnswerLength ? string.Empty : body);
        if (!fields.TryGetValue("oauth_token", out var token) || !fields.TryGetValue("oauth_token_secret", out var secret)
            || token.Count != 1 || secret.Count != 1 || string.IsNullOrEmpty(token) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidDataException($"The shop answered {(int)response.StatusCode} at {url.GetLeftPart(UriPartial.Path)} without one oauth_token and one oauth_token_secret.");
        }

        return (token.ToString(), secret.ToString());
    }
}
