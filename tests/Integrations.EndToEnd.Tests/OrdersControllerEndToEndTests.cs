using System.Net;
using System.Text.Json;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// The shop's MVC controller guarded by <c>[IntegrationResource]</c> (<c>GET /rest/V1/orders/{id}</c>), in a shop whose
/// default scheme is the admin cookie: the ACL and Magento's answers as for its minimal-API endpoints, and an OAuth
/// challenge, never the admin sign-in redirect.
/// </summary>
public sealed class OrdersControllerEndToEndTests(ShopHost shop) : IClassFixture<ShopHost>, IDisposable
{
    private const string Products = "Magento_Catalog::products";
    private const string ViewOrders = "Magento_Sales::actions_view";
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly SignedApiClient api = new();

    [Fact]
    public async Task A_granted_integration_reaches_the_controller_and_another_gets_magentos_refusal()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var viewer = await admin.ActivateAsync(await admin.CreateAsync("Order Viewer", callbackUrl: null, identityLinkUrl: null, ViewOrders));
        var catalogOnly = await admin.ActivateAsync(await admin.CreateAsync("Catalog Only", callbackUrl: null, identityLinkUrl: null, Products));
        var order = new Uri(shop.Address, "rest/V1/orders/424242");

        using var served = await api.CallAsync(HttpMethod.Get, order, viewer);
        using var refused = await api.CallAsync(HttpMethod.Get, order, catalogOnly);

        served.StatusCode.Should().Be(HttpStatusCode.NotFound, "the controller ran: no such order");
        JsonDocument.Parse(await served.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()
            .Should().Be("The entity that was requested doesn't exist. Verify the entity and try again.");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("OAuth realm=\"Integrations\", oauth_problem=\"permission_denied\"");
        var refusal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        refusal.GetProperty("message").GetString().Should().Be("The consumer isn't authorized to access %resources.");
        refusal.GetProperty("parameters").GetProperty("resources").GetString().Should().Be(ViewOrders);
    }

    [Fact]
    public async Task An_unsigned_call_gets_the_oauth_challenge_not_the_admin_sign_in_redirect()
    {
        using var response = await http.GetAsync(new Uri(shop.Address, "rest/V1/orders/1"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull();
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("OAuth realm=\"Integrations\"");
    }

    [Fact]
    public async Task Without_known_proxies_the_shop_ignores_forwarded_headers()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var shown = await admin.ActivateAsync(await admin.CreateAsync("Proxied Default", callbackUrl: null, identityLinkUrl: null, Products));

        using var response = await ShopBehindProxyEndToEndTests.SendThroughProxyAsync(api, http, shop.Address, shown);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a client cannot make the shop believe another URL was signed");
    }

    public void Dispose()
    {
        http.Dispose();
        api.Dispose();
    }
}
