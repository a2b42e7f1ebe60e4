using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>Password confirmation failures are counted per admin: Magento's lockout (6 failures, 30 minutes), in headless Chromium.</summary>
public sealed class AdminLockoutBrowserTests(ShopHost shop, BrowserFixture browser)
    : IClassFixture<ShopHost>, IClassFixture<BrowserFixture>
{
    private const string Invalid = "The password entered for the current user is invalid. Verify the password and try again.";
    private const string Locked = "Your account is temporarily disabled. Please try again later.";

    [Fact]
    public async Task Six_wrong_passwords_lock_the_admin_and_then_even_the_right_one_is_refused()
    {
        using (var client = await AdminClient.SignInAsync(shop.Address))
        {
            await client.CreateAsync("Acme ERP", null, null, "Magento_Catalog::products");
        }

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AdminPage.SignInAsync(page, shop.Address);
        var row = page.Locator("tr[data-integration='Acme ERP']");
        await row.GetByRole(AriaRole.Link, new() { Name = "Remove" }).ClickAsync();
        var dialog = page.Locator("#delete-dialog");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await dialog.GetByLabel("Your Password").FillAsync($"guess {attempt}");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
            await Expect(dialog.Locator("[data-role='error']")).ToHaveTextAsync(Invalid);
        }

        await dialog.GetByLabel("Your Password").FillAsync("guess 6");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await Expect(dialog.Locator("[data-role='error']")).ToHaveTextAsync(Locked);

        // Locked: the right password changes nothing, on every action that asks for it, and the sign-in refuses too.
        await dialog.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await Expect(dialog.Locator("[data-role='error']")).ToHaveTextAsync(Locked);
        await dialog.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "Activate" }).ClickAsync();
        var permissions = page.Locator("#permissions-dialog");
        await permissions.GetByLabel("Your Password").FillAsync(ShopHost.AdminPassword);
        await permissions.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Expect(permissions.Locator("[data-role='error']")).ToHaveTextAsync(Locked);
        await permissions.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(row.Locator(".status")).ToHaveTextAsync("Inactive");

        await using var other = await browser.Browser.NewContextAsync();
        var signIn = await other.NewPageAsync();
        await AdminPage.SubmitSignInAsync(signIn, shop.Address);
        await Expect(signIn.GetByRole(AriaRole.Alert)).ToContainTextAsync("your account is disabled temporarily");
    }
}
