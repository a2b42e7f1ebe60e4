using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>A person activating an integration that has a callback URL: the identity link popup, in headless Chromium.</summary>
public sealed class IdentityLinkPopupBrowserTests(ShopHost shop, ThirdPartyHost thirdParty, BrowserFixture browser)
    : IClassFixture<ShopHost>, IClassFixture<ThirdPartyHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task With_a_callback_url_allow_opens_the_identity_link_popup_and_the_integration_becomes_active()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AdminPage.SignInAsync(page, shop.Address);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add New Integration" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Acme Cloud");
        await page.GetByLabel("Callback URL").FillAsync(thirdParty.CallbackUrl.AbsoluteUri);
        await page.GetByLabel("Identity link URL").FillAsync(thirdParty.IdentityLinkUrl.AbsoluteUri);
        await page.GetByRole(AriaRole.Tab, new() { Name = "API" }).ClickAsync();
        await page.GetByLabel("Resource Access").SelectOptionAsync("All");
        await page.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var row = page.Locator("tr[data-integration='Acme Cloud']");
        await Expect(row.Locator(".label-insecure")).ToHaveTextAsync("Integration not secure");

        // Allow: the shop posts the credentials to the callback URL and opens the identity link in a popup; the
        // third party finishes the exchange, shows its page and sends the popup back to the shop, which closes it.
        await row.GetByRole(AriaRole.Link, new() { Name = "Activate" }).ClickAsync();
        var permissions = page.Locator("#permissions-dialog");
        await Expect(permissions.Locator("li")).ToHaveTextAsync(["Catalog", "Products", "Categories", "Sales", "Orders", "View", "Create"]);
        await permissions.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await permissions.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        var exchange = page.Locator("#exchange-dialog");
        await Expect(exchange).ToContainTextAsync(
            "Please setup or sign in into your 3rd party account to complete setup of this integration.");
        var popupOpened = page.WaitForPopupAsync();
        await exchange.GetByRole(AriaRole.Link, new() { Name = "Open the 3rd party page" }).ClickAsync();
        var popup = await popupOpened;
        await popup.WaitForURLAsync(new Regex("/admin/integrations/login-success$"));

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Integration 'Acme Cloud' has been sent for activation.");
        await Expect(row.Locator(".status")).ToHaveTextAsync("Active");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Reauthorize" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_third_party_on_another_site_sends_the_popup_back_to_the_success_page_which_closes_it()
    {
        // localhost and 127.0.0.1 are different sites for the browser, as partner.example and shop.example are.
        var otherSite = new UriBuilder(thirdParty.Address) { Host = "localhost" }.Uri;
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AdminPage.SignInAsync(page, shop.Address);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add New Integration" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Acme Other Site");
        await page.GetByLabel("Callback URL").FillAsync(new Uri(otherSite, "/integration/callback").AbsoluteUri);
        await page.GetByLabel("Identity link URL").FillAsync(new Uri(otherSite, "/integration/identity").AbsoluteUri);
        await page.GetByRole(AriaRole.Tab, new() { Name = "API" }).ClickAsync();
        await page.GetByLabel("Resource Access").SelectOptionAsync("All");
        await page.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var row = page.Locator("tr[data-integration='Acme Other Site']");
        await row.GetByRole(AriaRole.Link, new() { Name = "Activate" }).ClickAsync();
        var permissions = page.Locator("#permissions-dialog");
        await permissions.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await permissions.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        var popupOpened = page.WaitForPopupAsync();
        await page.Locator("#exchange-dialog").GetByRole(AriaRole.Link, new() { Name = "Open the 3rd party page" }).ClickAsync();
        var popup = await popupOpened;

        // The third party's page clicks "Back to the shop" (success_call_back) after a second.
        await popup.WaitForURLAsync(new Regex("/admin/(integrations/login-success|login)"), new() { Timeout = 15_000 });
        popup.Url.Should().EndWith("/admin/integrations/login-success", "the success page closes the popup; it must not ask the admin to sign in again");
        await Expect(row.Locator(".status")).ToHaveTextAsync("Active");
    }
}
