using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integrations.EndToEnd.Tests;

/// <summary>The admin in each language it ships, as the browser asks for it; no page breaks the shop's Content-Security-Policy.</summary>
public sealed class AdminLanguageBrowserTests(ShopHost shop, BrowserFixture browser)
    : IClassFixture<ShopHost>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("en-US", "en", "Integrations", "Add New Integration", "Integration Info")]
    [InlineData("nl-NL", "nl", "Integraties", "Nieuwe integratie toevoegen", "Integratie-info")]
    [InlineData("sv-SE", "sv", "Integrationer", "Lägg till ny integration", "Integrationsinfo")]
    [InlineData("fr-FR", "fr", "Intégrations", "Ajouter une nouvelle intégration", "Infos sur l'intégration")]
    public async Task The_admin_speaks_the_browsers_language(string locale, string language, string title, string addNew, string infoTab)
    {
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = locale });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await AdminPage.SubmitSignInAsync(page, shop.Address);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await page.GetByRole(AriaRole.Link, new() { Name = addNew }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = infoTab })).ToBeVisibleAsync();
        violations.Should().BeEmpty("the pages load their script and styles from files, never inline");
    }
}
