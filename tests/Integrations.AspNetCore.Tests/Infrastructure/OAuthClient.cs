using System.Net.Http.Headers;
using Integrations.Client.Signing;
using Integrations.Lifecycle;
using Integrations.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Tests.Infrastructure;

/// <summary>Signs outgoing test requests with the client package's signing handler (over the host's <see cref="IOAuthSigner"/>), as a third-party client would.</summary>
public sealed class OAuthClient(KestrelHost host, OAuthClientCredentials credentials)
{
    /// <summary>A client signing API calls with an integration's consumer and access token.</summary>
    public OAuthClient(KestrelHost host, IntegrationCredentials credentials)
        : this(host, new OAuthClientCredentials
        {
            ConsumerKey = credentials.ConsumerKey,
            ConsumerSecret = credentials.ConsumerSecret,
            Token = credentials.AccessToken,
            TokenSecret = credentials.AccessTokenSecret,
        })
    {
    }

    /// <summary>A client signing with the consumer credentials the shop posted to a callback URL, and a token when given.</summary>
    public static OAuthClient FromCallback(KestrelHost host, IFormCollection posted, string? token = null, string? tokenSecret = null, string? verifier = null) =>
        new(host, new OAuthClientCredentials
        {
            ConsumerKey = posted["oauth_consumer_key"]!,
            ConsumerSecret = posted["oauth_consumer_secret"]!,
            Token = token,
            TokenSecret = tokenSecret,
            Verifier = verifier,
        });

    private readonly OAuthSigningHandler _signer = new(
        "aspnetcore-tests", PerRequestCredentialsProvider.Instance, host.Services.GetRequiredService<IOAuthSigner>(), new OAuthSigningOptions { ThrowOnRejection = false });

    /// <summary>The signature method used (default HMAC-SHA256, Magento 2.4.4+).</summary>
    public OAuthSignatureMethod Method { get; init; } = OAuthSignatureMethod.HmacSha256;

    /// <summary>Signs <paramref name="request"/> with the client package's handler for <paramref name="signedUrl"/> (default: its own URL).</summary>
    public async Task<HttpRequestMessage> SignAsync(HttpRequestMessage request, Uri? signedUrl = null, long? timestamp = null)
    {
        var target = new Uri(host.Address, request.RequestUri!);
        request.RequestUri = signedUrl ?? target;
        request.SignedWith(new OAuthClientCredentials
        {
            ConsumerKey = credentials.ConsumerKey,
            ConsumerSecret = credentials.ConsumerSecret,
            Token = credentials.Token,
            TokenSecret = credentials.TokenSecret,
            Verifier = credentials.Verifier,
            SignatureMethod = Method,
            Timestamp = timestamp,
        });
        await _signer.SignAsync(request, CancellationToken.None);
        request.RequestUri = target;
        return request;
    }

    /// <summary>Signs and sends.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await host.Client.SendAsync(await SignAsync(request));

    /// <summary>Moves the protocol parameters of a signed request from its Authorization header into its query.</summary>
    public static void MoveOAuthToQuery(HttpRequestMessage request)
    {
        var pairs = OAuthPairs(request);
        var uri = request.RequestUri!;
        var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
        request.RequestUri = new Uri(uri.AbsoluteUri + separator + string.Join("&", pairs));
        request.Headers.Authorization = null;
    }

    /// <summary>Moves the protocol parameters of a signed form post from its Authorization header into its body.</summary>
    public static async Task MoveOAuthToFormAsync(HttpRequestMessage request)
    {
        var pairs = OAuthPairs(request);
        var body = await request.Content!.ReadAsStringAsync();
        request.Content = new StringContent(body + "&" + string.Join("&", pairs), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        request.Headers.Authorization = null;
    }

    /// <summary>The <c>name=value</c> pairs of the header (values stay percent-encoded), without the realm.</summary>
    private static IEnumerable<string> OAuthPairs(HttpRequestMessage request) =>
        request.Headers.Authorization!.Parameter!.Split(',')
            .Select(p => p.Trim().Split('=', 2))
            .Where(p => p[0] != "realm")
            .Select(p => p[0] + "=" + p[1].Trim('"'));
}
