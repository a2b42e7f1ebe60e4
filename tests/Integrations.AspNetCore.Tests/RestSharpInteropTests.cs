using System.Net;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using RestSharp;
using RestSharp.Authenticators;
using RestSharp.Authenticators.OAuth;

namespace Integrations.AspNetCore.Tests;

/// <summary>A request signed by an unmodified third-party client library (RestSharp's OAuth1Authenticator).</summary>
public sealed class RestSharpInteropTests
{
    [Fact]
    public async Task A_get_signed_by_RestSharp_is_served()
    {
        await using var host = await KestrelHost.StartAsync(b => b.AddShopResources(), ShopEndpoints.Map);
        var draft = new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(ShopEndpoints.Products);
        var acme = await host.CreateActiveIntegrationAsync(draft);
        var credentials = acme.Credentials;
        var options = new RestClientOptions(host.Address)
        {
            Authenticator = OAuth1Authenticator.ForProtectedResource(
                credentials.ConsumerKey, credentials.ConsumerSecret, credentials.AccessToken!, credentials.AccessTokenSecret!,
                OAuthSignatureMethod.HmacSha256),
        };
        using var client = new RestClient(options);
        var request = new RestRequest("rest/V1/products").AddQueryParameter("searchCriteria[pageSize]", "20");

        var response = await client.ExecuteAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, response.Content);
        response.Content.Should().Be("products for Acme");
    }
}
