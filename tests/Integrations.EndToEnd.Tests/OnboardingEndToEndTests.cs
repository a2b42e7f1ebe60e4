using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// Magento's onboarding between two real processes' worth of apps on 127.0.0.1: the admin activates, the shop posts
/// the credentials to the third party, which exchanges them for an access token and calls the shop's API.
/// </summary>
public sealed class OnboardingEndToEndTests(ShopHost shop, ThirdPartyHost thirdParty)
    : IClassFixture<ShopHost>, IClassFixture<ThirdPartyHost>, IDisposable
{
    private const string Products = "Magento_Catalog::products";
    private readonly HttpClient http = new();
    private readonly SignedApiClient api = new();

    [Fact]
    public async Task Third_party_connects_through_the_callback_then_reauthorize_and_delete_cut_it_off()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var id = await admin.CreateAsync("Acme ERP", thirdParty.CallbackUrl, thirdParty.IdentityLinkUrl, Products);

        // Allow: the shop posts the credentials; the admin gets the identity link to open.
        var activation = await admin.ActivateAsync(id);
        var identityLink = new Uri(activation.GetProperty("identityLinkUrl").GetString()!);
        identityLink.GetLeftPart(UriPartial.Path).Should().Be(thirdParty.IdentityLinkUrl.AbsoluteUri);
        var query = QueryHelpers.ParseQuery(identityLink.Query);
        var consumerKey = query["oauth_consumer_key"].ToString();
        consumerKey.Should().MatchRegex("^[0-9a-z]{32}$");
        query["success_call_back"].ToString().Should().StartWith(shop.Address.AbsoluteUri);

        // The third party exchanged the credentials on its own and its first API call succeeded.
        var connected = await thirdParty.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");
        connected.GetProperty("state").GetString().Should().Be("connected", connected.ToString());
        connected.GetProperty("lastApiCall").GetProperty("statusCode").GetInt32().Should().Be(200);
        connected.GetProperty("lastApiCall").GetProperty("body").GetString().Should().Contain("Joust Duffle Bag");
        (await admin.StatusAsync("Acme ERP")).Should().Be("Active");

        // The identity link page the admin opens tells the merchant it is connected and leads back to the admin.
        var identityPage = await http.GetStringAsync(identityLink);
        identityPage.Should().Contain("is connected").And.Contain($"href=\"{query["success_call_back"]}\"");

        // What it holds works for what it was granted, and only that.
        var first = await admin.RevealAsync(id);
        (await CallAsync(HttpMethod.Get, "rest/V1/products", first)).StatusCode.Should().Be(HttpStatusCode.OK);
        var orders = await CallAsync(HttpMethod.Get, "rest/V1/orders", first);
        orders.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var refusal = JsonDocument.Parse(await orders.Content.ReadAsStringAsync()).RootElement;
        refusal.GetProperty("message").GetString().Should().Be("The consumer isn't authorized to access %resources.");
        refusal.GetProperty("parameters").GetProperty("resources").GetString().Should().Be("Magento_Sales::actions_view");

        // Reauthorize: new credentials posted, a new exchange; the old access token is refused at once.
        await admin.ReauthorizeAsync(id);
        var reconnected = await thirdParty.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");
        reconnected.GetProperty("state").GetString().Should().Be("connected", reconnected.ToString());
        (await thirdParty.CallShopAsync(consumerKey)).StatusCode.Should().Be(200);
        (await CallAsync(HttpMethod.Get, "rest/V1/products", first)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var second = await admin.RevealAsync(id);
        second.GetProperty("credentials").GetProperty("consumerKey").GetString().Should().Be(consumerKey);
        second.GetProperty("credentials").GetProperty("accessToken").GetString()
            .Should().NotBe(first.GetProperty("credentials").GetProperty("accessToken").GetString());

        // Delete: everything issued for it is refused.
        await admin.DeleteAsync(id);
        (await thirdParty.CallShopAsync(consumerKey)).StatusCode.Should().Be(401);
        (await CallAsync(HttpMethod.Get, "rest/V1/products", second)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await admin.StatusAsync("Acme ERP")).Should().Be("(not in the grid)");
    }

    [Fact]
    public async Task Without_a_callback_url_allow_shows_the_tokens_and_they_sign_API_calls()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var id = await admin.CreateAsync("Manual Tokens", callbackUrl: null, identityLinkUrl: null, Products);

        var activation = await admin.ActivateAsync(id);

        activation.TryGetProperty("identityLinkUrl", out var link).Should().BeFalse(link.ToString());
        (await CallAsync(HttpMethod.Get, "rest/V1/products", activation)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await CallAsync(HttpMethod.Get, "rest/V1/products", activation, tamper: true)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await admin.DeleteAsync(id);
        (await CallAsync(HttpMethod.Get, "rest/V1/products", activation)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public void Dispose()
    {
        http.Dispose();
        api.Dispose();
    }

    /// <summary>Calls the shop's API signed with credentials as the admin page shows them.</summary>
    private Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, JsonElement shown, bool tamper = false) =>
        api.CallAsync(method, new Uri(shop.Address, path), shown, tamper);
}
