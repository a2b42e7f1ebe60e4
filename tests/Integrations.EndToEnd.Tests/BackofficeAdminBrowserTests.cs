using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>The admin package in another host: its own path, its own policy, the package's plain layout.</summary>
public sealed class BackofficeAdminBrowserTests(BackofficeHost host, BrowserFixture browser)
    : IClassFixture<BackofficeHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Another_host_mounts_the_admin_under_its_own_path_behind_its_own_policy()
    {
        var grid = new Uri(host.Address, BackofficeHost.Prefix).ToString();
        using (var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            var response = await anonymous.GetAsync(grid);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.AbsolutePath.Should().Be("/sign-in");
        }

        // Signed in without the host's admin role: the host's policy refuses.
        await using (var clerk = await browser.Browser.NewContextAsync())
        {
            var page = await clerk.NewPageAsync();
            await page.GotoAsync(new Uri(host.Address, "/sign-in?user=clerk&admin=false").ToString());
            (await clerk.APIRequest.GetAsync(grid)).Status.Should().Be(403);
        }

        await using var context = await browser.Browser.NewContextAsync();
        var admin = await context.NewPageAsync();
        await admin.GotoAsync(new Uri(host.Address, "/sign-in?user=alice&admin=true").ToString());
        await admin.GotoAsync(grid);
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Level = 1 })).ToBeVisibleAsync();
        await Expect(admin).ToHaveTitleAsync("Integrations");
        (await admin.EvaluateAsync<string>("getComputedStyle(document.querySelector('.ia-admin .grid th')).backgroundColor"))
            .Should().Be("rgb(81, 73, 67)", "the package's stylesheet is served under the host's path");

        // The declared integration: View, not Edit; Remove disabled with Magento's title.
        var declared = admin.Locator($"tr[data-integration='{BackofficeHost.DeclaredName}']");
        await Expect(declared.GetByRole(AriaRole.Link, new() { Name = "View" })).ToBeVisibleAsync();
        var remove = declared.GetByRole(AriaRole.Button, new() { Name = "Remove" });
        await Expect(remove).ToBeDisabledAsync();
        await Expect(remove).ToHaveAttributeAsync("title", "Uninstall the extension to remove this integration");

        // Add, Allow with the host's password, tokens: all under the host's path.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add New Integration" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(grid + "/new");
        await admin.GetByLabel("Name").FillAsync("Stock Sync");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "API" }).ClickAsync();
        await admin.GetByLabel("Resource Access").SelectOptionAsync("Custom");
        await admin.GetByLabel("Read stock").CheckAsync();
        await Expect(admin.GetByLabel("Stock", new() { Exact = true })).ToBeCheckedAsync();
        await admin.GetByLabel("Your Password").FillAsync(BackofficeHost.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The integration 'Stock Sync' has been saved.");
        var row = admin.Locator("tr[data-integration='Stock Sync']");
        await row.GetByRole(AriaRole.Link, new() { Name = "Activate" }).ClickAsync();
        var permissions = admin.Locator("#permissions-dialog");
        await Expect(permissions.Locator("li")).ToHaveTextAsync(["Stock", "Read stock"]);
        await permissions.GetByLabel("Your Password").FillAsync(BackofficeHost.Password);
        await permissions.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Expect(admin.Locator("#tokens-dialog input[data-token='accessToken']")).ToHaveValueAsync(new Regex("^[0-9a-z]{32}$"));
        await admin.Locator("#tokens-dialog").GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(grid);
        await Expect(row.Locator(".status")).ToHaveTextAsync("Active");
    }
}
