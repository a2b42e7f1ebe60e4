using System.Net;
using System.Text.Json;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// The shop behind a reverse proxy on 127.0.0.1 (<c>Shop:KnownProxies</c>): ASP.NET Core's forwarded-headers middleware
/// gives the request its public URL, over which the third party signed.
/// </summary>
public sealed class ShopBehindProxyEndToEndTests : IDisposable
{
    private const string PublicUrl = "https://shop.example.com/store/rest/V1/products";
    private readonly HttpClient http = new();
    private readonly SignedApiClient api = new();

    /// <summary>Signs for <see cref="PublicUrl"/> and sends it to the shop as a proxy forwards it (prefix stripped, forwarded headers added).</summary>
    public static async Task<HttpResponseMessage> SendThroughProxyAsync(SignedApiClient api, HttpClient http, Uri shop, JsonElement shown)
    {
        var signed = await api.SignAsync(HttpMethod.Get, new Uri(PublicUrl), shown);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(shop, "rest/V1/products"));
        request.Headers.TryAddWithoutValidation("Authorization", signed.Authorization);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "shop.example.com");
        request.Headers.Add("X-Forwarded-Prefix", "/store");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_call_signed_for_the_public_url_is_served_through_a_known_proxy()
    {
        var shop = ShopHost.WithSettings("--Shop:KnownProxies:0", "127.0.0.1");
        await shop.InitializeAsync();
        try
        {
            using var admin = await AdminClient.SignInAsync(shop.Address);
            var shown = await admin.ActivateAsync(await admin.CreateAsync("Proxied", callbackUrl: null, identityLinkUrl: null, "Magento_Catalog::products"));

            using var response = await SendThroughProxyAsync(api, http, shop.Address, shown);

            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            (await response.Content.ReadAsStringAsync()).Should().Contain("Joust Duffle Bag");
        }
        finally
        {
            await shop.DisposeAsync();
        }
    }

    public void Dispose()
    {
        http.Dispose();
        api.Dispose();
    }
}
