using System.Net;

namespace Integrations.EndToEnd.Tests;

/// <summary>The admin's "Allow Anonymous Guest Access" setting against the shop's real API on 127.0.0.1.</summary>
public sealed class GuestAccessEndToEndTests(ShopHost shop) : IClassFixture<ShopHost>, IDisposable
{
    private readonly HttpClient http = new();

    [Fact]
    public async Task Guest_access_opens_only_guest_eligible_resources_and_only_while_it_is_on()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        (await http.GetAsync(new Uri(shop.Address, "rest/V1/products"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await admin.SetGuestAccessAsync(true);
        try
        {
            (await http.GetAsync(new Uri(shop.Address, "rest/V1/products"))).StatusCode.Should().Be(HttpStatusCode.OK);
            (await http.GetAsync(new Uri(shop.Address, "rest/V1/categories"))).StatusCode.Should().Be(HttpStatusCode.OK);
            (await http.GetAsync(new Uri(shop.Address, "rest/V1/orders"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await admin.SetGuestAccessAsync(false);
        }

        (await http.GetAsync(new Uri(shop.Address, "rest/V1/products"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public void Dispose() => http.Dispose();
}
