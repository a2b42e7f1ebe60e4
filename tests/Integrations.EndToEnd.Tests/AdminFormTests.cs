using System.Net;

namespace Integrations.EndToEnd.Tests;

/// <summary>The admin's forms over plain HTTP, as a browser without JavaScript posts them.</summary>
public sealed class AdminFormTests(ShopHost shop) : IClassFixture<ShopHost>
{
    [Fact]
    public async Task A_post_without_the_antiforgery_token_changes_nothing()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);

        var (status, html, _) = await admin.PostFormAsync("/admin/integrations/save", tokenFrom: null,
            ("name", "Forged"), ("current_password", ShopHost.AdminPassword));

        status.Should().Be(HttpStatusCode.BadRequest);
        html.Should().Contain("The page has expired");
        (await admin.StatusAsync("Forged")).Should().Be("(not in the grid)");
    }

    [Fact]
    public async Task A_save_refused_for_its_resources_comes_back_on_the_api_tab_with_everything_typed_and_is_never_cached()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);

        var (status, html, cacheControl) = await admin.PostFormAsync("/admin/integrations/save", tokenFrom: "/admin/integrations/new",
            ("name", "Acme ERP"), ("email", "ops@acme.example"), ("all_resources", "0"), ("resource", "Magento_Nothing::here"),
            ("current_password", ShopHost.AdminPassword));

        status.Should().Be(HttpStatusCode.BadRequest);
        html.Should().Contain("Magento_Nothing::here");
        html.Should().Contain("id=\"tab-api\" class=\"tab-input\" checked");
        html.Should().Contain("name=\"name\" maxlength=\"255\" value=\"Acme ERP\"");
        cacheControl.Should().Contain("no-store");
        (await admin.StatusAsync("Acme ERP")).Should().Be("(not in the grid)");
    }
}
