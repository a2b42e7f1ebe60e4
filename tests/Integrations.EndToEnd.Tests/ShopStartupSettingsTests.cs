using System.Globalization;
using Integrations.Samples.Shop;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// The shop's start-up settings as an operator gives them: a wildcard or dynamic <c>--urls</c> (the store base URL
/// posted to third parties is the address the shop really listens on), and bad values refused naming their setting.
/// </summary>
public sealed class ShopStartupSettingsTests : IDisposable
{
    private const string Products = "Magento_Catalog::products";
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "shop-startup-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("http://*:{0}")]
    [InlineData("http://+:{0}")]
    public async Task A_wildcard_urls_value_that_Kestrel_accepts_starts_the_shop(string urls)
    {
        var port = LoopbackPort.Next();
        var create = () => ShopApplication.Create(
        [
            "--urls", string.Format(CultureInfo.InvariantCulture, urls, port),
            "--Shop:AdminPassword", ShopHost.AdminPassword,
            "--Shop:DataDirectory", dataDirectory,
        ]);

        // only built, never started: nothing listens on anything but 127.0.0.1
        var built = create.Should().NotThrow("`--urls http://*:5080` is a listen address ASP.NET Core documents; the shop crashes building its store_base_url from it").Subject;
        await built.DisposeAsync();
    }

    [Theory]
    [InlineData("--Shop:PublicBaseUrl", "shop.example", "Shop:PublicBaseUrl")]
    [InlineData("--Shop:KnownProxies:0", "proxy.internal", "Shop:KnownProxies")]
    [InlineData("--Shop:AdminUser", " ", "Shop:AdminUser")]
    public async Task A_bad_setting_on_the_command_line_is_reported_with_the_setting_it_is_in(string key, string value, string setting)
    {
        WebApplication? app = null;
        Exception? failure = null;
        try
        {
            app = ShopApplication.Create(
            [
                "--urls", $"http://127.0.0.1:{LoopbackPort.Next()}",
                "--Shop:AdminPassword", ShopHost.AdminPassword,
                "--Shop:DataDirectory", dataDirectory,
                key, value,
            ]);
            await app.StartAsync();
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        failure.Should().NotBeNull("the value is invalid and the shop must refuse it");
        failure!.ToString().Should().Contain(setting, "the operator must learn which setting is wrong; the shop said: {0}", failure.Message);
    }

    [Fact]
    public async Task A_shop_on_a_dynamic_port_posts_its_real_address_as_store_base_url()
    {
        await using var thirdParty = new ThirdPartyHostScope();
        await thirdParty.Host.InitializeAsync();
        var app = ShopApplication.Create(
        [
            "--urls", "http://127.0.0.1:0",
            "--Shop:AdminUser", ShopHost.AdminUser,
            "--Shop:AdminPassword", ShopHost.AdminPassword,
            "--Shop:DataDirectory", dataDirectory,
        ]);
        try
        {
            await app.StartAsync();
            var address = app.Address();
            using var admin = await AdminClient.SignInAsync(address);
            var activation = await admin.ActivateAsync(await admin.CreateAsync("Acme ERP", thirdParty.Host.CallbackUrl, thirdParty.Host.IdentityLinkUrl, Products));
            var consumerKey = QueryHelpers.ParseQuery(new Uri(activation.GetProperty("identityLinkUrl").GetString()!).Query)["oauth_consumer_key"].ToString();

            var connection = await thirdParty.Host.WaitForConnectionAsync(consumerKey, c => c.GetProperty("state").GetString() != "received");

            connection.GetProperty("storeBaseUrl").GetString().Should().Be(new Uri(address, "/").AbsoluteUri, connection.ToString());
            connection.GetProperty("state").GetString().Should().Be("connected", connection.ToString());
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private sealed class ThirdPartyHostScope : IAsyncDisposable
    {
        public ThirdPartyHost Host { get; } = new();

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }
}
