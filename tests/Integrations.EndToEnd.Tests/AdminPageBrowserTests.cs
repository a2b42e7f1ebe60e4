using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>A person at the shop's admin page, in headless Chromium: guest access, add, activate, allow, reauthorize, delete.</summary>
public sealed partial class AdminPageBrowserTests(ShopHost shop, BrowserFixture browser)
    : IClassFixture<ShopHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_adds_activates_reauthorizes_and_deletes_an_integration_on_the_page()
    {
        await using var context = await browser.Browser.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = shop.Address.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();

        await AdminPage.SignInAsync(page, shop.Address);

        // The guest access setting: off by default, as in Magento.
        var guestAccess = page.GetByLabel("Allow Anonymous Guest Access");
        await Expect(guestAccess).ToHaveValueAsync("0");
        await guestAccess.SelectOptionAsync("Yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save Config" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You saved the configuration.");
        await Expect(guestAccess).ToHaveValueAsync("1");

        // Add: an http identity link makes it "not secure"; a wrong password saves nothing and keeps the input.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add New Integration" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Acme ERP");
        await page.GetByLabel("Email").FillAsync("ops@acme.example");
        await page.GetByLabel("Identity link URL").FillAsync("http://127.0.0.1:9/link");
        await page.GetByRole(AriaRole.Tab, new() { Name = "API" }).ClickAsync();
        await Expect(page.GetByLabel("Name")).ToBeHiddenAsync();
        await page.GetByLabel("Resource Access").SelectOptionAsync("Custom");
        await page.GetByLabel("Products").CheckAsync();
        await Expect(page.GetByLabel("Catalog")).ToBeCheckedAsync();
        await page.ScreenshotAsync(new() { Path = AdminScreenshots.PathOf("form.png"), FullPage = true });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Integration Info" }).ClickAsync();
        await Expect(page.GetByLabel("Resource Access")).ToBeHiddenAsync();
        await page.GetByLabel("Your Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "The password entered for the current user is invalid. Verify the password and try again.");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Acme ERP");
        await page.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The integration 'Acme ERP' has been saved.");
        var row = page.Locator("tr[data-integration='Acme ERP']");
        await Expect(row.Locator(".label-insecure")).ToHaveTextAsync("Integration not secure");
        await Expect(page.Locator("[data-role='insecure-notice']")).ToContainTextAsync("Integrations not using HTTPS are insecure");
        await Expect(row.Locator(".status")).ToHaveTextAsync("Inactive");

        // Activate → the requested resources → Allow → the four tokens → Done.
        await row.GetByRole(AriaRole.Link, new() { Name = "Activate" }).ClickAsync();
        var permissions = page.Locator("#permissions-dialog");
        await Expect(permissions).ToContainTextAsync("The integration you selected asks you to approve access to the following:");
        await Expect(permissions.Locator("li")).ToHaveTextAsync(["Catalog", "Products"]);

        // Allow shows secrets: it takes the password; a wrong one issues nothing.
        await permissions.GetByLabel("Your Password").FillAsync("not the password");
        await permissions.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Expect(permissions.Locator("[data-role='error']")).ToHaveTextAsync(
            "The password entered for the current user is invalid. Verify the password and try again.");
        await permissions.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await permissions.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        var first = await ReadTokensAsync(page);
        await page.ScreenshotAsync(new() { Path = AdminScreenshots.PathOf("tokens-dialog.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy Consumer Secret" }).ClickAsync();
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).Should().Be(first.ConsumerSecret);
        await page.Locator("#tokens-dialog").GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The integration 'Acme ERP' has been activated.");
        await Expect(row.Locator(".status")).ToHaveTextAsync("Active");

        // Reauthorize: a new access token and secret, the same consumer key and secret.
        await row.GetByRole(AriaRole.Link, new() { Name = "Reauthorize" }).ClickAsync();
        await permissions.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await permissions.GetByRole(AriaRole.Button, new() { Name = "Reauthorize" }).ClickAsync();
        var second = await ReadTokensAsync(page);
        second.ConsumerKey.Should().Be(first.ConsumerKey);
        second.ConsumerSecret.Should().Be(first.ConsumerSecret);
        second.AccessToken.Should().NotBe(first.AccessToken);
        second.AccessTokenSecret.Should().NotBe(first.AccessTokenSecret);
        await page.Locator("#tokens-dialog").GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The integration 'Acme ERP' has been re-authorized.");

        // Delete: confirmed with the admin's password; a wrong one deletes nothing.
        // The dialog is modal; Escape leaves it as Cancel does.
        await row.GetByRole(AriaRole.Link, new() { Name = "Remove" }).ClickAsync();
        var delete = page.Locator("#delete-dialog");
        await Expect(delete.GetByLabel("Your Password")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(delete).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Link, new() { Name = "Remove" }).ClickAsync();
        await Expect(delete).ToContainTextAsync("Are you sure you want to delete this integration? You can't undo this action.");
        await delete.GetByLabel("Your Password").FillAsync("not the password");
        await delete.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await Expect(delete.Locator("[data-role='error']")).ToHaveTextAsync(
            "The password entered for the current user is invalid. Verify the password and try again.");
        await delete.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await delete.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The integration 'Acme ERP' has been deleted.");
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-role='insecure-notice']")).ToHaveCountAsync(0);

        // Sign Out: back at the sign-in page, and the admin is closed to this browser until it signs in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign Out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign In" })).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(shop.Address, "/admin/integrations").ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/admin/login"));
    }

    private static async Task<Tokens> ReadTokensAsync(IPage page)
    {
        var dialog = page.Locator("#tokens-dialog");
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Integration Tokens for Extensions");
        var tokens = new Tokens(
            await dialog.GetByLabel("Consumer Key", new() { Exact = true }).InputValueAsync(),
            await dialog.GetByLabel("Consumer Secret", new() { Exact = true }).InputValueAsync(),
            await dialog.GetByLabel("Access Token", new() { Exact = true }).InputValueAsync(),
            await dialog.GetByLabel("Access Token Secret", new() { Exact = true }).InputValueAsync());
        foreach (var value in new[] { tokens.ConsumerKey, tokens.ConsumerSecret, tokens.AccessToken, tokens.AccessTokenSecret })
        {
            value.Should().MatchRegex(MagentoCredential().ToString());
        }

        return tokens;
    }

    [GeneratedRegex("^[0-9a-z]{32}$")]
    private static partial Regex MagentoCredential();

    private sealed record Tokens(string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret);
}
