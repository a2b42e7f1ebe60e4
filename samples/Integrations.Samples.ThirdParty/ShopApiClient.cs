using Integrations.Client.Connections;
using Integrations.Client.Errors;
using Integrations.Client.Signing;

namespace Integrations.Samples.ThirdParty;

/// <summary>
/// The shop's API as this app calls it: a typed <see cref="HttpClient"/> whose requests the client package signs with
/// the stored connection they name (<c>AddIntegrationsOAuthSigning&lt;IntegrationConnectionCredentialsProvider&gt;()</c>).
/// A refusal arrives as the package's typed <see cref="OAuthRejectedException"/>.
/// </summary>
public sealed class ShopApiClient(HttpClient http)
{
    /// <summary>The API the app calls once connected.</summary>
    public const string Products = "rest/V1/products";

    /// <summary>Calls the shop's API with a GET signed by the connection's access token.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="relativeUrl">The API path below the store base URL, e.g. <c>rest/V1/products</c>.</param>
    /// <param name="cancellationToken">A token that can be used to abort the call.</param>
    /// <returns>What the shop answered.</returns>
    public Task<ShopApiCall> GetAsync(IntegrationConnection connection, string relativeUrl, CancellationToken cancellationToken) =>
        SendAsync(connection, HttpMethod.Get, relativeUrl, content: null, cancellationToken);

    /// <summary>Posts a form to the shop's API, signed (form fields included) by the connection's access token.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="relativeUrl">The API path below the store base URL.</param>
    /// <param name="fields">The form fields.</param>
    /// <param name="cancellationToken">A token that can be used to abort the call.</param>
    /// <returns>What the shop answered.</returns>
    public Task<ShopApiCall> PostFormAsync(IntegrationConnection connection, string relativeUrl, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken) =>
        SendAsync(connection, HttpMethod.Post, relativeUrl, new FormUrlEncodedContent(fields), cancellationToken);

    private async Task<ShopApiCall> SendAsync(IntegrationConnection connection, HttpMethod method, string relativeUrl, HttpContent? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var url = new Uri(connection.StoreBaseUrl, relativeUrl);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.ForConnection(connection.ConsumerKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return new ShopApiCall(url, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (OAuthRejectedException refused)
        {
            return new ShopApiCall(url, (int)refused.Rejection.StatusCode, refused.Rejection.Phrase ?? refused.Message, refused.Rejection.ProblemCode);
        }
    }
}
