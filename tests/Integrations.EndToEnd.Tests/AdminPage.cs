using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>Steps on the shop's admin page shared by the browser tests.</summary>
public static class AdminPage
{
    /// <summary>Signs in with the shop's own admin login and lands on the integrations grid.</summary>
    public static async Task SignInAsync(IPage page, Uri shop)
    {
        await page.GotoAsync(new Uri(shop, "/admin").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign In" })).ToBeVisibleAsync();
        await page.GetByLabel("Username").FillAsync(ShopHost.AdminUser);
        await page.GetByLabel("Password").FillAsync(ShopHost.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Level = 1 })).ToBeVisibleAsync();
    }
}
