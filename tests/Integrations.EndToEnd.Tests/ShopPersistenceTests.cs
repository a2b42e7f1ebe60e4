using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Samples.Shop.Catalog;
using Integrations.Storage.Specification.PostgreSql;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// What the shop keeps survives it and is shared by its instances: the guest access switch across a restart, order
/// numbers issued by the database (never reused after a restart, never issued twice by two instances on one
/// PostgreSQL database), and its tables created in a database that already holds others.
/// </summary>
public sealed class ShopPersistenceTests : IDisposable
{
    private const string Products = "Magento_Catalog::products";
    private readonly HttpClient http = new();
    private readonly SignedApiClient api = new();

    [Fact]
    public async Task Guest_access_switched_on_by_the_admin_is_still_on_after_the_SQLite_shop_restarts()
    {
        var shop = ShopHost.InOwnProcess(postgreSql: null);
        try
        {
            await shop.InitializeAsync();
            using (var admin = await AdminClient.SignInAsync(shop.Address))
            {
                await admin.SetGuestAccessAsync(true);
            }

            (await http.GetAsync(new Uri(shop.Address, "rest/V1/products"))).StatusCode.Should().Be(HttpStatusCode.OK);

            await shop.KillAsync();
            await shop.RestartAsync();

            (await http.GetAsync(new Uri(shop.Address, "rest/V1/products"))).StatusCode
                .Should().Be(HttpStatusCode.OK, "the admin saved 'Allow Anonymous Guest Access' = Yes; Shop:AllowAnonymousGuestAccess only applies until an admin saves one");
        }
        finally
        {
            await shop.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_order_number_issued_before_a_restart_is_not_issued_again_to_another_order()
    {
        var shop = ShopHost.InOwnProcess(postgreSql: null);
        try
        {
            await shop.InitializeAsync();
            JsonElement shown;
            using (var admin = await AdminClient.SignInAsync(shop.Address))
            {
                shown = await admin.ActivateAsync(await admin.CreateAsync("Order Bot", null, null, ShopResources.CreateOrders, ShopResources.ViewOrders));
            }

            var first = await PlaceOrderAsync(shop.Address, shown, "24-MB01");

            await shop.KillAsync();
            await shop.RestartAsync();
            var second = await PlaceOrderAsync(shop.Address, shown, "24-WG02");

            second.GetProperty("id").GetInt32().Should().NotBe(first.GetProperty("id").GetInt32(), "an order number names one order; after the restart {0} is issued again for another product", first.GetProperty("id"));
        }
        finally
        {
            await shop.DisposeAsync();
        }
    }

    [Fact]
    [RequiresPostgreSql]
    public async Task Two_shop_instances_on_one_PostgreSQL_database_never_issue_the_same_order_number()
    {
        await using var database = new ShopPostgreSqlDatabase();
        var first = ShopHost.OnPostgreSql(database.ConnectionString);
        var second = ShopHost.OnPostgreSql(database.ConnectionString, publicBaseUrl: first.Address);
        try
        {
            await first.InitializeAsync();
            await second.InitializeAsync();
            using var admin = await AdminClient.SignInAsync(first.Address);
            var shown = await admin.ActivateAsync(await admin.CreateAsync("Order Bot", null, null, ShopResources.CreateOrders, ShopResources.ViewOrders));

            // behind one public address, the load balancer sends one order to each instance
            var placedOnFirst = await PlaceOrderAsync(first.Address, shown, "24-MB01");
            var placedOnSecond = await PlaceOrderAsync(second.Address, shown, "24-WG02");

            placedOnSecond.GetProperty("id").GetInt32().Should().NotBe(
                placedOnFirst.GetProperty("id").GetInt32(),
                "two different orders placed through one shop address got the same order number ({0} then {1})",
                placedOnFirst,
                placedOnSecond);
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    [Fact]
    [RequiresPostgreSql]
    public async Task A_shop_started_on_an_existing_PostgreSQL_database_that_holds_other_tables_creates_its_integrations_tables()
    {
        // "The database is created at start when missing (or create it yourself); the tables ... are created at start when missing"
        await using var database = new ShopPostgreSqlDatabase();
        var server = Environment.GetEnvironmentVariable("TEST_PG")!;
        await using (var maintenance = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await maintenance.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", maintenance);
            await create.ExecuteNonQueryAsync();
        }

        await using (var existing = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await existing.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand("CREATE TABLE customer (id int PRIMARY KEY)", existing);
            await create.ExecuteNonQueryAsync();
        }

        var shop = ShopHost.OnPostgreSql(database.ConnectionString);
        try
        {
            await shop.InitializeAsync();

            (await database.TablesAsync()).Should().Contain(["integration", "integration_nonce", "integration_token"], "the shop creates its tables when missing");
            using var admin = await AdminClient.SignInAsync(shop.Address); // the grid answers 500 without them
            await admin.CreateAsync("Acme ERP", null, null, Products);
        }
        finally
        {
            await shop.DisposeAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task A_shop_started_on_an_existing_SQLite_file_that_holds_other_tables_creates_its_integrations_tables()
    {
        var shop = new ShopHost();
        try
        {
            Directory.CreateDirectory(shop.DataDirectory);
            await using (var existing = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(shop.DataDirectory, "shop.db")};Pooling=False"))
            {
                await existing.OpenAsync();
                await using var create = existing.CreateCommand();
                create.CommandText = "CREATE TABLE customer (id INTEGER PRIMARY KEY)";
                await create.ExecuteNonQueryAsync();
            }

            await shop.InitializeAsync();

            using var admin = await AdminClient.SignInAsync(shop.Address); // the grid answers 500 without the tables
            await admin.ActivateAsync(await admin.CreateAsync("Acme ERP", null, null, Products));
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

    private async Task<JsonElement> PlaceOrderAsync(Uri shop, JsonElement shown, string sku)
    {
        var url = new Uri(shop, "rest/V1/orders");
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { sku, quantity = 1 }) };
        message.Headers.TryAddWithoutValidation("Authorization", (await api.SignAsync(HttpMethod.Post, url, shown)).Authorization);
        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
