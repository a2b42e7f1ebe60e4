using Integrations.Storage.Specification.PostgreSql;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// The shop's process killed (<c>kill -9</c>) in the middle of a reauthorize, then started again on the same data,
/// with the sample third party connected through a callback relay: nothing is stranded, whichever moment it died.
/// On SQLite and on PostgreSQL.
/// </summary>
public sealed class ProcessKillEndToEndTests(ThirdPartyHost thirdParty) : IClassFixture<ThirdPartyHost>
{
    private const string Products = "Magento_Catalog::products";

    /// <summary>Short enough to wait for, long enough for a step of the test.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);

    [Theory]
    [InlineData(false)]
    [PostgreSqlInlineData(true)]
    public async Task Killed_while_its_reauthorize_callback_is_slow_the_shop_keeps_the_current_token_working_and_can_reauthorize_again(bool onPostgreSql)
    {
        await using var run = await StartAsync(onPostgreSql);
        var (shop, relay, admin, id, consumerKey) = (run.Shop, run.Relay, run.Admin, run.Id, run.ConsumerKey);

        relay.Mode = RelayMode.Hold;
        var reauthorize = admin.ReauthorizeAsync(id);
        await relay.Held.WaitAsync(TimeSpan.FromSeconds(30));
        (await thirdParty.CallShopAsync(consumerKey)).StatusCode.Should().Be(200, "the current token works while the callback is slow");

        await shop.KillAsync();
        await FluentActions.Awaiting(() => reauthorize).Should().ThrowAsync<Exception>("the shop died under the admin's click");
        await shop.RestartAsync();

        (await thirdParty.CallShopAsync(consumerKey)).StatusCode.Should().Be(200, "the token was never revoked: the callback never accepted new credentials");
        await Task.Delay(Window);
        using var again = await AdminClient.SignInAsync(shop.Address);
        (await again.StatusAsync("Acme ERP")).Should().Be("Active");
        (await thirdParty.CallShopAsync(consumerKey)).StatusCode.Should().Be(200);

        relay.Mode = RelayMode.Pass;
        await ReauthorizeAndReconnectAsync(again, id, consumerKey);
    }

    [Theory]
    [InlineData(false)]
    [PostgreSqlInlineData(true)]
    public async Task Killed_after_its_callback_accepted_but_before_the_exchange_the_shop_expires_the_exchange_and_can_activate_again(bool onPostgreSql)
    {
        await using var run = await StartAsync(onPostgreSql);
        var (shop, relay, admin, id, consumerKey) = (run.Shop, run.Relay, run.Admin, run.Id, run.ConsumerKey);

        relay.Mode = RelayMode.AcceptOnly;
        await admin.ReauthorizeAsync(id);
        (await admin.StatusAsync("Acme ERP")).Should().Be("Pending");
        (await thirdParty.CallShopAsync(consumerKey)).StatusCode.Should().Be(401, "from the commit on the old token is refused");

        await shop.KillAsync();
        await shop.RestartAsync();
        await Task.Delay(Window);

        using var again = await AdminClient.SignInAsync(shop.Address);
        (await again.StatusAsync("Acme ERP")).Should().Be("Inactive", "the window passed: the exchange expired though the process that started it is gone");
        shop.ProcessOutput.Should().Contain("expired without being completed; PendingExchange became Inactive");

        relay.Mode = RelayMode.Pass;
        await again.ActivateAsync(id); // returns once the third party received the credentials: its connection is new from here
        var connected = await thirdParty.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");
        connected.GetProperty("state").GetString().Should().Be("connected", connected.ToString());
        (await thirdParty.CallShopAsync(consumerKey)).StatusCode.Should().Be(200);
    }

    private async Task ReauthorizeAndReconnectAsync(AdminClient admin, Guid id, string consumerKey)
    {
        await admin.ReauthorizeAsync(id); // returns once the third party received the credentials: its connection is new from here
        var connected = await thirdParty.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");
        connected.GetProperty("state").GetString().Should().Be("connected", connected.ToString());
        (await thirdParty.CallShopAsync(consumerKey)).StatusCode.Should().Be(200);
    }

    /// <summary>A shop in its own process with the short window, and an integration the third party connected through the relay.</summary>
    private async Task<Run> StartAsync(bool onPostgreSql)
    {
        var database = onPostgreSql ? new ShopPostgreSqlDatabase() : null;
        var shop = ShopHost.InOwnProcess(database?.ConnectionString, "--Integrations:TokenExchangeWindow", Window.ToString());
        var relay = await CallbackRelay.StartAsync(thirdParty.CallbackUrl);
        var run = new Run(shop, relay, database);
        await shop.InitializeAsync();
        run.Admin = await AdminClient.SignInAsync(shop.Address);
        run.Id = await run.Admin.CreateAsync("Acme ERP", relay.CallbackUrl, thirdParty.IdentityLinkUrl, Products);
        var activation = await run.Admin.ActivateAsync(run.Id);
        run.ConsumerKey = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(activation.GetProperty("identityLinkUrl").GetString()!).Query)["oauth_consumer_key"].ToString();
        var connected = await thirdParty.WaitForConnectionAsync(run.ConsumerKey, c => c.GetProperty("state").GetString() != "received");
        connected.GetProperty("state").GetString().Should().Be("connected", connected.ToString());
        (await thirdParty.CallShopAsync(run.ConsumerKey)).StatusCode.Should().Be(200);
        return run;
    }

    private sealed class Run(ShopHost shop, CallbackRelay relay, ShopPostgreSqlDatabase? database) : IAsyncDisposable
    {
        public ShopHost Shop => shop;

        public CallbackRelay Relay => relay;

        public AdminClient Admin { get; set; } = null!;

        public Guid Id { get; set; }

        public string ConsumerKey { get; set; } = null!;

        public async ValueTask DisposeAsync()
        {
            Admin?.Dispose();
            await shop.DisposeAsync();
            await relay.DisposeAsync();
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }
}
