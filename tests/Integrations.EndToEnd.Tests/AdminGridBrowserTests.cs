using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>The integrations grid in headless Chromium: empty state, filter, sort and paging, all kept in the address.</summary>
public sealed class AdminGridBrowserTests(ShopHost shop, BrowserFixture browser)
    : IClassFixture<ShopHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Grid_filters_sorts_and_pages_in_the_address_and_says_what_to_do_first_when_empty()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AdminPage.SignInAsync(page, shop.Address);
        await Expect(page.Locator("[data-role='empty-state']")).ToContainTextAsync("Add New Integration to connect a third-party system");
        await Expect(page.Locator("#integrations-grid")).ToHaveCountAsync(0);

        using (var admin = await AdminClient.SignInAsync(shop.Address))
        {
            for (var i = 1; i <= 23; i++)
            {
                await admin.CreateWithEmailAsync($"Partner {i:00}", i % 2 == 0 ? $"ops{i:00}@alpha.example" : $"it{i:00}@beta.example");
            }
        }

        // Paging: 20 a page by default, the page in the address.
        await page.ReloadAsync();
        var rows = page.Locator("#integrations-grid tbody tr");
        await Expect(page.Locator("[data-role='records']")).ToHaveTextAsync("23 records found");
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(page.Locator("[data-role='page']")).ToHaveTextAsync("Page 1 of 2");
        await page.ScreenshotAsync(new() { Path = AdminScreenshots.PathOf("grid.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]page=2(&|$)"));
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.First.Locator(".name")).ToHaveTextAsync("Partner 21");

        // A page size chosen applies at once (and starts at page 1).
        await page.GetByLabel("Per page").SelectOptionAsync("30");
        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]limit=30(&|$)"));
        await Expect(rows).ToHaveCountAsync(23);

        // Filter by name: the filter is in the address.
        await page.Locator("#grid-filters").GetByLabel("Name").FillAsync("Partner 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]name=Partner(\+|%20)1(&|$)"));
        await Expect(rows).ToHaveCountAsync(10);

        // Sort by e-mail, then descending, by the column header.
        await page.GetByRole(AriaRole.Link, new() { Name = "Reset Filter" }).ClickAsync();
        await page.Locator("#integrations-grid thead").GetByRole(AriaRole.Link, new() { Name = "Email" }).ClickAsync();
        await Expect(page.Locator("th[aria-sort='ascending']")).ToHaveTextAsync("Email");
        await Expect(rows.First.Locator(".email")).ToHaveTextAsync("it01@beta.example");
        await page.Locator("#integrations-grid thead").GetByRole(AriaRole.Link, new() { Name = "Email" }).ClickAsync();
        await Expect(page.Locator("th[aria-sort='descending']")).ToHaveTextAsync("Email");
        await Expect(rows.First.Locator(".email")).ToHaveTextAsync("ops22@alpha.example");

        // A bookmarked view opens as it was: filter by e-mail and status, sorted by name descending.
        await page.GotoAsync(new Uri(shop.Address, "/admin/integrations?email=ALPHA&status=inactive&sort=name&dir=desc").ToString());
        await Expect(rows).ToHaveCountAsync(11);
        await Expect(rows.First.Locator(".name")).ToHaveTextAsync("Partner 22");
        await Expect(page.Locator("#grid-filters").GetByLabel("Email")).ToHaveValueAsync("ALPHA");
        await Expect(page.Locator("#grid-filters").GetByLabel("Status")).ToHaveValueAsync("inactive");

        // A filter nothing matches: Magento's text, not the first-steps panel.
        await page.GotoAsync(new Uri(shop.Address, "/admin/integrations?name=nothing-like-this").ToString());
        await Expect(page.Locator("#integrations-grid .empty")).ToHaveTextAsync("We couldn't find any records.");
    }
}
