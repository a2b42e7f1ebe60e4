using System.Text.Json;
using Integrations.Client.Signing;
using Integrations.OAuth;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// Calls a shop's API signed by the client package's handler with OAuth 1.0a credentials as the admin page reveals
/// them (<c>credentials</c> of the JSON). Refusals come back as responses, not exceptions.
/// </summary>
public sealed class SignedApiClient : IDisposable
{
    private readonly OAuthSigningHandler signer = new("end-to-end", PerRequestCredentialsProvider.Instance, new OAuthSigner(), new OAuthSigningOptions { ThrowOnRejection = false })
    {
        InnerHandler = new SocketsHttpHandler(),
    };

    private readonly HttpClient http;
    private readonly HttpClient unsigned = new();

    public SignedApiClient() => http = new HttpClient(signer);

    /// <summary>Signs one request now (a fresh nonce and timestamp) and sends it.</summary>
    public Task<HttpResponseMessage> CallAsync(HttpMethod method, Uri url, JsonElement shown, bool tamper = false) =>
        http.SendAsync(new HttpRequestMessage(method, url).SignedWith(Credentials(shown, tamper)));

    /// <summary>Signs one request without sending it: the Authorization header for <paramref name="method"/> on <paramref name="url"/>.</summary>
    public async Task<SignedRequest> SignAsync(HttpMethod method, Uri url, JsonElement shown)
    {
        using var request = new HttpRequestMessage(method, url).SignedWith(Credentials(shown, tamper: false));
        await signer.SignAsync(request, CancellationToken.None);
        return new SignedRequest(method, url, request.Headers.NonValidated["Authorization"].ToString());
    }

    /// <summary>
    /// Sends a signed request, byte for byte as signed, to the server at <paramref name="to"/>: another shop instance
    /// receives it as behind a load balancer (same Host header, same target).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(SignedRequest request, Uri to)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(to, request.Url.PathAndQuery));
        message.Headers.Host = request.Url.Authority;
        message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
        return await unsigned.SendAsync(message);
    }

    public void Dispose()
    {
        http.Dispose();
        unsigned.Dispose();
    }

    private static OAuthClientCredentials Credentials(JsonElement shown, bool tamper)
    {
        var credentials = shown.GetProperty("credentials");
        return new OAuthClientCredentials
        {
            ConsumerKey = credentials.GetProperty("consumerKey").GetString()!,
            ConsumerSecret = credentials.GetProperty("consumerSecret").GetString()!,
            Token = credentials.GetProperty("accessToken").GetString(),
            TokenSecret = tamper ? "not-the-secret" : credentials.GetProperty("accessTokenSecret").GetString(),
        };
    }
}
