using System.Net;
using System.Net.Http.Json;
using Integrations.Samples.Shop.Catalog;

namespace Integrations.EndToEnd.Tests;

/// <summary>What a careless or hostile caller sends the shop: answered with a 4xx or ignored, never a 500.</summary>
public sealed class ShopHostileInputEndToEndTests(ShopHost shop) : IClassFixture<ShopHost>, IDisposable
{
    private readonly HttpClient http = new();
    private readonly SignedApiClient api = new();

    [Fact]
    public async Task An_unsigned_form_post_to_a_guarded_endpoint_is_refused_401_before_its_body_is_looked_at()
    {
        using var response = await http.PostAsync(new Uri(shop.Address, "rest/V1/orders"), new FormUrlEncodedContent([new("sku", "24-MB01"), new("quantity", "1")]));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("message").GetString().Should().Be("The consumer isn't authorized to access %resources.");
    }

    [Fact]
    public async Task A_signed_order_in_JSON_is_placed_and_one_in_another_content_type_is_415_only_once_authorized()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var id = await admin.CreateAsync("Order Bot", null, null, ShopResources.CreateOrders);
        var shown = await admin.ActivateAsync(id);
        var orders = new Uri(shop.Address, "rest/V1/orders");

        using var placed = await SendSignedAsync(orders, shown, JsonContent.Create(new { sku = "24-MB01", quantity = 2 }));
        using var text = await SendSignedAsync(orders, shown, new StringContent("sku=24-MB01"));

        placed.StatusCode.Should().Be(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        text.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/admin/integrations\u0001")]
    [InlineData("/admin/integrations\r\nSet-Cookie: forged=1")]
    [InlineData("/admin/\u00fcber")]
    [InlineData("https://evil.example/")]
    public async Task Signing_in_with_a_malformed_returnUrl_ignores_it_for_the_default_page(string returnUrl)
    {
        using var response = await AdminClient.SignInWithReturnUrlAsync(shop.Address, returnUrl);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/admin/integrations");
    }

    [Fact]
    public async Task Signing_in_with_a_local_returnUrl_goes_there()
    {
        using var response = await AdminClient.SignInWithReturnUrlAsync(shop.Address, "/admin/integrations/new");

        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/admin/integrations/new");
    }

    public void Dispose()
    {
        http.Dispose();
        api.Dispose();
    }

    private async Task<HttpResponseMessage> SendSignedAsync(Uri url, System.Text.Json.JsonElement shown, HttpContent content)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        message.Headers.TryAddWithoutValidation("Authorization", (await api.SignAsync(HttpMethod.Post, url, shown)).Authorization);
        return await http.SendAsync(message);
    }
}
