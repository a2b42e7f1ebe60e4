using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>The admin in a browser with JavaScript off: tabs, the resource tree, Allow and the tokens all work from the server.</summary>
public sealed class AdminWithoutJavaScriptBrowserTests(ShopHost shop, BrowserFixture browser)
    : IClassFixture<ShopHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Without_javascript_an_admin_adds_allows_and_reads_the_tokens()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await AdminPage.SignInAsync(page, shop.Address);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add New Integration" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("No Script ERP");
        await page.GetByRole(AriaRole.Tab, new() { Name = "API" }).ClickAsync();
        await Expect(page.GetByLabel("Name")).ToBeHiddenAsync();
        await page.GetByLabel("Resource Access").SelectOptionAsync("All");
        await Expect(page.Locator("#resource-tree")).ToBeHiddenAsync();
        await page.GetByLabel("Resource Access").SelectOptionAsync("Custom");
        await page.GetByLabel("Catalog").CheckAsync();
        await page.GetByLabel("Products").CheckAsync();
        await page.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The integration 'No Script ERP' has been saved.");

        var row = page.Locator("tr[data-integration='No Script ERP']");
        await row.GetByRole(AriaRole.Link, new() { Name = "Activate" }).ClickAsync();
        var permissions = page.Locator("#permissions-dialog");
        await Expect(permissions.Locator("li")).ToHaveTextAsync(["Catalog", "Products"]);
        await permissions.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await permissions.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        var tokens = page.Locator("#tokens-dialog");
        await Expect(tokens.Locator("input[data-token='consumerKey']")).ToHaveValueAsync(new Regex("^[0-9a-z]{32}$"));
        await Expect(tokens.Locator("button[data-copy]").First).ToBeHiddenAsync();
        await tokens.GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The integration 'No Script ERP' has been activated.");
        await Expect(row.Locator(".status")).ToHaveTextAsync("Active");
    }
}
