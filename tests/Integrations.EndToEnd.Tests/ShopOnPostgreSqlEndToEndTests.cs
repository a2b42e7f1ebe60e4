using System.Net;
using System.Text.Json;
using Integrations.Samples.Shop;
using Integrations.Storage.Specification.PostgreSql;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// The shop on PostgreSQL, as a multi-instance host runs it: each test its own database (created by the shop,
/// dropped afterwards), the real shop on 127.0.0.1 and the third-party sample doing the onboarding.
/// </summary>
public sealed class ShopOnPostgreSqlEndToEndTests(ThirdPartyHost thirdParty) : IClassFixture<ThirdPartyHost>, IDisposable
{
    private const string Products = "Magento_Catalog::products";
    private readonly SignedApiClient api = new();
    private readonly HttpClient anonymous = new();

    [Fact]
    [RequiresPostgreSql]
    public async Task A_shop_on_PostgreSQL_onboards_a_third_party_refuses_a_replayed_call_and_keeps_it_all_across_a_restart()
    {
        await using var database = new ShopPostgreSqlDatabase();
        var shop = ShopHost.OnPostgreSql(database.ConnectionString);
        SignedRequest signed;
        JsonElement shown;
        try
        {
            await shop.InitializeAsync();
            (await database.TablesAsync()).Should().Contain(["integration", "integration_nonce", "integration_token"]);
            using var admin = await AdminClient.SignInAsync(shop.Address);
            var id = await admin.CreateAsync("Acme ERP", thirdParty.CallbackUrl, thirdParty.IdentityLinkUrl, Products);

            // Allow: the shop posts the credentials, the third party exchanges them for an access token and calls the API.
            var consumerKey = ConsumerKey(await admin.ActivateAsync(id));
            var connected = await thirdParty.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");
            connected.GetProperty("state").GetString().Should().Be("connected", connected.ToString());
            connected.GetProperty("lastApiCall").GetProperty("statusCode").GetInt32().Should().Be(200);

            // A signed call is accepted once; the same request sent again is refused on its nonce.
            shown = await admin.RevealAsync(id);
            signed = await api.SignAsync(HttpMethod.Get, new Uri(shop.Address, "rest/V1/products"), shown);
            (await api.SendAsync(signed, shop.Address)).StatusCode.Should().Be(HttpStatusCode.OK);
            await ShouldBeRefusedAsReplayAsync(await api.SendAsync(signed, shop.Address));
        }
        finally
        {
            await shop.DisposeAsync();
        }

        // A new shop process on the same database: the schema is reused, the integration and its nonces are still there.
        var restarted = ShopHost.OnPostgreSql(database.ConnectionString);
        try
        {
            await restarted.InitializeAsync();
            using var admin = await AdminClient.SignInAsync(restarted.Address);
            (await admin.StatusAsync("Acme ERP")).Should().Be("Active");
            await ShouldBeRefusedAsReplayAsync(await api.SendAsync(signed, restarted.Address));
            (await api.CallAsync(HttpMethod.Get, new Uri(restarted.Address, "rest/V1/products"), shown)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    [RequiresPostgreSql]
    public async Task Two_shops_on_one_PostgreSQL_database_act_as_one()
    {
        await using var database = new ShopPostgreSqlDatabase();

        // Behind one public address (a load balancer): the first tells third parties the second's address. The second
        // is its own operating-system process: all they share is the database.
        var second = ShopHost.OnPostgreSql(database.ConnectionString, inOwnProcess: true);
        var first = ShopHost.OnPostgreSql(database.ConnectionString, publicBaseUrl: second.Address);
        try
        {
            // Both start at once on a database that does not exist yet: one creates it and its schema, neither fails.
            await Task.WhenAll(first.InitializeAsync(), second.InitializeAsync());
            // The admin signs in on the first and goes on on the second: one Data Protection key ring, in the database.
            using var adminOnFirst = await AdminClient.SignInAsync(first.Address);
            using var adminOnSecond = adminOnFirst.At(second.Address);
            (await database.DataProtectionKeysAsync()).Should().Be(1);

            // Created and activated on the first; the third party exchanges its tokens with the second and calls its API.
            var id = await adminOnFirst.CreateAsync("Acme ERP", thirdParty.CallbackUrl, thirdParty.IdentityLinkUrl, Products);
            (await adminOnSecond.StatusAsync("Acme ERP")).Should().Be("Inactive");
            var consumerKey = ConsumerKey(await adminOnFirst.ActivateAsync(id));
            var connected = await thirdParty.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");
            connected.GetProperty("state").GetString().Should().Be("connected", connected.ToString());
            connected.GetProperty("storeBaseUrl").GetString().Should().Be(second.Address.AbsoluteUri);
            connected.GetProperty("lastApiCall").GetProperty("statusCode").GetInt32().Should().Be(200);
            (await adminOnFirst.StatusAsync("Acme ERP")).Should().Be("Active");

            // A call accepted by the first is refused when replayed to the second; the credentials work on both.
            var shown = await adminOnSecond.RevealAsync(id);
            var signed = await api.SignAsync(HttpMethod.Get, new Uri(first.Address, "rest/V1/products"), shown);
            (await api.SendAsync(signed, first.Address)).StatusCode.Should().Be(HttpStatusCode.OK);
            await ShouldBeRefusedAsReplayAsync(await api.SendAsync(signed, second.Address));
            (await api.CallAsync(HttpMethod.Get, new Uri(second.Address, "rest/V1/products"), shown)).StatusCode.Should().Be(HttpStatusCode.OK);

            // The same request sent to both at the same moment: exactly one instance accepts it, every time.
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var twice = await api.SignAsync(HttpMethod.Get, new Uri(first.Address, "rest/V1/products"), shown);
                var answers = await Task.WhenAll(api.SendAsync(twice, first.Address), api.SendAsync(twice, second.Address));
                answers.Select(answer => answer.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Unauthorized]);
            }

            // Anonymous guest access switched on the first opens the second; switched off on the second, it closes the first.
            await AnonymousCallShouldGetAsync(second.Address, HttpStatusCode.Unauthorized);
            await adminOnFirst.SetGuestAccessAsync(true);
            await AnonymousCallShouldGetAsync(second.Address, HttpStatusCode.OK);
            await adminOnSecond.SetGuestAccessAsync(false);
            await AnonymousCallShouldGetAsync(first.Address, HttpStatusCode.Unauthorized);

            // Reauthorize on the first: the old access token is refused by the second at once, the new one works on the first.
            await adminOnFirst.ReauthorizeAsync(id);
            var reconnected = await thirdParty.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");
            reconnected.GetProperty("state").GetString().Should().Be("connected", reconnected.ToString());
            (await api.CallAsync(HttpMethod.Get, new Uri(second.Address, "rest/V1/products"), shown)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            var renewed = await adminOnSecond.RevealAsync(id);
            (await api.CallAsync(HttpMethod.Get, new Uri(first.Address, "rest/V1/products"), renewed)).StatusCode.Should().Be(HttpStatusCode.OK);

            // Delete on the second: the first refuses the token and no longer lists the integration.
            await adminOnSecond.DeleteAsync(id);
            (await api.CallAsync(HttpMethod.Get, new Uri(first.Address, "rest/V1/products"), renewed)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await thirdParty.CallShopAsync(consumerKey)).StatusCode.Should().Be(401);
            (await adminOnFirst.StatusAsync("Acme ERP")).Should().Be("(not in the grid)");

            // Sign out on the first: a copy of the session cookie no longer opens the second either.
            var copied = adminOnFirst.CookieHeader();
            await adminOnFirst.SignOutAsync();
            (await AdminClient.LandsOnWithCookieAsync(second.Address, copied, "/admin/integrations")).Should().Be("/admin/login");
        }
        finally
        {
            await Task.WhenAll(first.DisposeAsync(), second.DisposeAsync());
        }
    }

    [Fact]
    [RequiresPostgreSql]
    public async Task Shops_starting_together_on_a_new_database_all_come_up_on_one_schema()
    {
        // Without a lock around the schema creation, about one start in four had an instance fail with
        // "database ... already exists" (42P04) or "relation ... already exists" (42P07): a few rounds catch it.
        for (var round = 0; round < 3; round++)
        {
            await using var database = new ShopPostgreSqlDatabase();
            var shops = Enumerable.Range(0, 3).Select(_ => ShopHost.OnPostgreSql(database.ConnectionString)).ToArray();
            try
            {
                await Task.WhenAll(shops.Select(shop => shop.InitializeAsync()));
                (await database.TablesAsync()).Should().Equal("integration", "integration_nonce", "integration_token", "shop_data_protection_key", "shop_order", "shop_revoked_session", "shop_setting");
                (await database.DataProtectionKeysAsync()).Should().Be(1);
            }
            finally
            {
                await Task.WhenAll(shops.Select(shop => shop.DisposeAsync()));
            }
        }
    }

    [Fact]
    public void A_shop_on_PostgreSQL_without_a_shared_secret_key_does_not_start()
    {
        var start = () => ShopApplication.Create(["--ConnectionStrings:PostgreSQL", "Host=127.0.0.1;Database=unused", "--urls", "http://127.0.0.1:0"]);

        start.Should().Throw<InvalidOperationException>().WithMessage("*Shop:SecretKey*");
    }

    public void Dispose()
    {
        api.Dispose();
        anonymous.Dispose();
    }

    private static string ConsumerKey(JsonElement activation) =>
        QueryHelpers.ParseQuery(new Uri(activation.GetProperty("identityLinkUrl").GetString()!).Query)["oauth_consumer_key"].ToString();

    /// <summary>
    /// An unsigned call to a guest-eligible resource gets <paramref name="expected"/>, at once or once the shop has
    /// read the setting another instance saved (each reads it at most once a second).
    /// </summary>
    private async Task AnonymousCallShouldGetAsync(Uri shop, HttpStatusCode expected)
    {
        var status = default(HttpStatusCode);
        for (var attempt = 0; attempt < 100 && status != expected; attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 50);
            using var response = await anonymous.GetAsync(new Uri(shop, "rest/V1/products"));
            status = response.StatusCode;
        }

        status.Should().Be(expected);
    }

    private static async Task ShouldBeRefusedAsReplayAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, body);
        body.Should().Contain("The nonce is already being used by the consumer with ID");
    }
}
