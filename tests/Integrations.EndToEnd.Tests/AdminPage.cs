using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>Steps on the shop's admin page shared by the browser tests.</summary>
public static class AdminPage
{
    /// <summary>Signs in with the shop's own admin login and lands on the integrations grid.</summary>
    public static async Task SignInAsync(IPage page, Uri shop)
    {
        await SubmitSignInAsync(page, shop);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Fills in and sends the shop's sign-in form with the admin's name and password, whatever the answer.</summary>
    public static async Task SubmitSignInAsync(IPage page, Uri shop)
    {
        await page.GotoAsync(new Uri(shop, "/admin").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign In" })).ToBeVisibleAsync();
        await page.GetByLabel("Username").FillAsync(ShopHost.AdminUser);
        await page.GetByLabel("Password").FillAsync(ShopHost.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
