using System.Net.Http;
using Integrations.OAuth;

namespace Integrations.Client.Signing;

/// <summary>Keys of <see cref="HttpRequestMessage.Options"/> that the signing handler and the connection credentials provider read.</summary>
public static class IntegrationsRequestOptions
{
    /// <summary>
    /// Credentials to sign this one request with, bypassing the <see cref="IOAuthCredentialsProvider"/> (the token
    /// exchange uses it for the request-token and access-token calls).
    /// </summary>
    public static readonly HttpRequestOptionsKey<OAuthClientCredentials> Credentials = new("Integrations.Client.Credentials");

    /// <summary>
    /// The consumer key of the stored connection whose access token signs this request (read by
    /// <see cref="Connections.IntegrationConnectionCredentialsProvider"/>).
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> ConsumerKey = new("Integrations.Client.ConsumerKey");

    /// <summary>Signs this request with the stored connection of <paramref name="consumerKey"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="consumerKey">The connection's consumer key.</param>
    /// <returns>The request.</returns>
    public static HttpRequestMessage ForConnection(this HttpRequestMessage request, string consumerKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(consumerKey);
        request.Options.Set(ConsumerKey, consumerKey);
        return request;
    }

    /// <summary>Signs this request with <paramref name="credentials"/>, whatever the client's provider says.</summary>
    /// <param name="request">The request.</param>
    /// <param name="credentials">The credentials.</param>
    /// <returns>The request.</returns>
    public static HttpRequestMessage SignedWith(this HttpRequestMessage request, OAuthClientCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        request.Options.Set(Credentials, credentials);
        return request;
    }
}
