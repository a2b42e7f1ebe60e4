using System.Text.Json;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// The third-party sample, built on the client package, and the shop sample as two operating-system processes on
/// 127.0.0.1: the handshake through the package's receiver and token exchange, signed GET and form POST through its
/// handler, a reauthorization picked up without a restart, and the typed 401 after a delete.
/// </summary>
public sealed class ClientPackageEndToEndTests : IAsyncLifetime
{
    private const string Products = "Magento_Catalog::products";
    private const string CreateOrders = "Magento_Sales::create";
    private readonly ShopHost shop = ShopHost.InOwnProcess();
    private readonly ThirdPartyHost thirdParty = ThirdPartyHost.InOwnProcess();

    public async Task InitializeAsync() => await Task.WhenAll(shop.InitializeAsync(), thirdParty.InitializeAsync());

    public async Task DisposeAsync()
    {
        await thirdParty.DisposeAsync();
        await shop.DisposeAsync();
    }

    [Fact]
    public async Task Handshake_signed_calls_reauthorize_and_delete_between_two_processes()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var id = await admin.CreateAsync("Acme ERP", thirdParty.CallbackUrl, thirdParty.IdentityLinkUrl, Products, CreateOrders);

        // Allow: the shop posts the credentials to the package's receiver, which exchanges them and stores the connection.
        var activation = await admin.ActivateAsync(id);
        var consumerKey = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(activation.GetProperty("identityLinkUrl").GetString()!).Query)["oauth_consumer_key"].ToString();
        var connected = await thirdParty.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");
        connected.GetProperty("state").GetString().Should().Be("connected", connected.ToString());
        (await admin.StatusAsync("Acme ERP")).Should().Be("Active");

        // A signed GET, and a signed form POST: its form fields are in the signature the shop checks, and the order is placed.
        var get = await thirdParty.CallShopAsync(consumerKey, "call");
        get.GetProperty("statusCode").GetInt32().Should().Be(200, get.ToString());
        get.GetProperty("body").GetString().Should().Contain("Joust Duffle Bag");
        var post = await thirdParty.CallShopAsync(consumerKey, "order");
        post.GetProperty("statusCode").GetInt32().Should().Be(201, post.ToString());
        post.GetProperty("body").GetString().Should().Contain("24-MB01");

        // Reauthorize: new credentials posted, a new exchange; the running third party signs with the new token at once.
        await admin.ReauthorizeAsync(id);
        var reconnected = await thirdParty.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");
        reconnected.GetProperty("state").GetString().Should().Be("connected", reconnected.ToString());
        reconnected.GetProperty("lastApiCall").GetProperty("statusCode").GetInt32().Should().Be(200, reconnected.ToString());
        (await thirdParty.CallShopAsync(consumerKey, "call")).GetProperty("statusCode").GetInt32().Should().Be(200);

        // Delete: the third party's next call is refused, and it sees the package's typed rejection.
        await admin.DeleteAsync(id);
        var refused = await thirdParty.CallShopAsync(consumerKey, "call");
        refused.GetProperty("statusCode").GetInt32().Should().Be(401, refused.ToString());
        refused.GetProperty("problem").GetString().Should().Be("consumer_key_unknown", refused.ToString());
        refused.GetProperty("body").GetString().Should().Be("A consumer having the specified key does not exist", refused.ToString());
    }
}
