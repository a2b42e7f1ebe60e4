using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>Bugs an admin hits in the browser on the integrations admin pages (headless Chromium, the shop as host).</summary>
public sealed class AdminBrowserEdgeTests(ShopHost shop, BrowserFixture browser)
    : IClassFixture<ShopHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Save_from_the_API_tab_with_an_invalid_email_on_the_hidden_Info_tab_tells_the_admin_what_is_wrong()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        await AdminPage.SignInAsync(page, shop.Address);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add New Integration" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Hidden Email ERP");
        await page.GetByLabel("Email").FillAsync("ops@");
        await page.GetByRole(AriaRole.Tab, new() { Name = "API" }).ClickAsync();
        await page.GetByLabel("Resource Access").SelectOptionAsync("All");
        await page.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        // Either the browser shows its validation message on the field (the Info tab opened) or the server answers
        // with its own; a Save that silently does nothing leaves the admin stuck on the API tab.
        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
        consoleErrors.Should().NotContain(error => error.Contains("is not focusable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reloading_the_tokens_dialog_does_not_reauthorize_the_integration_and_invalidate_the_tokens_just_copied()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AdminPage.SignInAsync(page, shop.Address);
        using (var admin = await AdminClient.SignInAsync(shop.Address))
        {
            await admin.CreateWithEmailAsync("Reload ERP", "ops@reload.example");
        }

        await page.GotoAsync(new Uri(shop.Address, "/admin/integrations?name=Reload+ERP").ToString());
        var row = page.Locator("tr[data-integration='Reload ERP']");
        await row.GetByRole(AriaRole.Link, new() { Name = "Activate" }).ClickAsync();
        var permissions = page.Locator("#permissions-dialog");
        await permissions.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await permissions.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        var accessToken = page.Locator("#tokens-dialog input[data-token='accessToken']");
        await Expect(accessToken).ToHaveValueAsync(new Regex("^[0-9a-z]{32}$"));
        var copied = await accessToken.InputValueAsync();

        // The admin refreshes the page showing the tokens (F5, or the browser restoring the tab).
        await page.ReloadAsync();

        // The credentials are shown once: a refresh must not issue new ones, which makes those just copied stop working.
        if (await accessToken.CountAsync() > 0)
        {
            (await accessToken.InputValueAsync()).Should().Be(copied, "a page refresh must not reauthorize the integration");
        }
    }

    [Fact]
    public async Task Removing_the_only_integration_of_the_last_page_lands_on_a_page_that_exists()
    {
        using (var admin = await AdminClient.SignInAsync(shop.Address))
        {
            for (var i = 1; i <= 21; i++)
            {
                await admin.CreateWithEmailAsync($"Pager {i:00}", $"pager{i:00}@example.com");
            }
        }

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AdminPage.SignInAsync(page, shop.Address);
        await page.GotoAsync(new Uri(shop.Address, "/admin/integrations?name=Pager").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        var rows = page.Locator("#integrations-grid tbody tr");
        await Expect(rows).ToHaveCountAsync(1);

        await page.Locator("tr[data-integration='Pager 21']").GetByRole(AriaRole.Link, new() { Name = "Remove" }).ClickAsync();
        var delete = page.Locator("#delete-dialog");
        await delete.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await delete.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The integration 'Pager 21' has been deleted.");

        // 20 integrations match the filter: the grid shows them (Magento's collection clamps the page to the last one),
        // not "Page 2 of 1" with "We couldn't find any records." under "20 records found".
        await Expect(page.Locator("[data-role='records']")).ToHaveTextAsync("20 records found");
        await Expect(page.Locator("[data-role='page']")).ToHaveTextAsync("Page 1 of 1");
        await Expect(rows).ToHaveCountAsync(20);
    }

    [Fact]
    public async Task A_wrong_password_on_the_edit_form_keeps_Show_Credentials_on_the_page()
    {
        using (var admin = await AdminClient.SignInAsync(shop.Address))
        {
            var id = await admin.CreateWithEmailAsync("Credentials ERP", "ops@credentials.example");
            await admin.ActivateAsync(id);
        }

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AdminPage.SignInAsync(page, shop.Address);
        await page.GotoAsync(new Uri(shop.Address, "/admin/integrations?name=Credentials+ERP").ToString());
        await page.Locator("tr[data-integration='Credentials ERP']").GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        var showCredentials = page.GetByRole(AriaRole.Button, new() { Name = "Show Credentials" });
        await Expect(showCredentials).ToBeVisibleAsync();

        await page.Locator("#integration-form input[name='current_password']").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "The password entered for the current user is invalid. Verify the password and try again.");

        // The same integration, the same page: its credentials can still be shown.
        await Expect(showCredentials).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_refused_save_in_Dutch_says_why_in_Dutch()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "nl-NL" });
        var page = await context.NewPageAsync();
        await AdminPage.SubmitSignInAsync(page, shop.Address);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Integraties");

        await page.GotoAsync(new Uri(shop.Address, "/admin/integrations/new").ToString());
        await page.Locator("input[name='current_password']").FillAsync(ShopHost.AdminPassword);
        await page.Locator("#integration-form button[type='submit']").ClickAsync();

        // The name is left empty: the page is Dutch, and so must be the reason the save was refused.
        var error = page.GetByRole(AriaRole.Alert);
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).Not.ToHaveTextAsync("The integration name is required.");
    }
}
