using System.Text.Json;
using Integrations.OAuth;

namespace Integrations.EndToEnd.Tests;

/// <summary>Calls a shop's API signed with OAuth 1.0a credentials as the admin page reveals them (<c>credentials</c> of the JSON).</summary>
public sealed class SignedApiClient : IDisposable
{
    private readonly HttpClient http = new();
    private readonly OAuthSigner signer = new();

    /// <summary>Signs one request now (a fresh nonce and timestamp) and sends it.</summary>
    public Task<HttpResponseMessage> CallAsync(HttpMethod method, Uri url, JsonElement shown, bool tamper = false) =>
        SendAsync(Sign(method, url, shown, tamper), to: url);

    /// <summary>Signs one request: the Authorization header for <paramref name="method"/> on <paramref name="url"/>.</summary>
    public SignedRequest Sign(HttpMethod method, Uri url, JsonElement shown, bool tamper = false)
    {
        var credentials = shown.GetProperty("credentials");
        var header = signer.CreateAuthorizationHeader(
            new OAuthWireRequest { Method = method.Method, Url = url.AbsoluteUri },
            new OAuthClientCredentials
            {
                ConsumerKey = credentials.GetProperty("consumerKey").GetString()!,
                ConsumerSecret = credentials.GetProperty("consumerSecret").GetString()!,
                Token = credentials.GetProperty("accessToken").GetString(),
                TokenSecret = tamper ? "not-the-secret" : credentials.GetProperty("accessTokenSecret").GetString(),
            });
        return new SignedRequest(method, url, header);
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
        return await http.SendAsync(message);
    }

    public void Dispose() => http.Dispose();
}
