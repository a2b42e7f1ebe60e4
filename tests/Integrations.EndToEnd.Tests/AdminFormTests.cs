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

    [Fact]
    public async Task A_save_from_an_edit_page_opened_before_another_admins_save_is_refused_and_keeps_their_change()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var id = await admin.CreateAsync("Shared Feed", null, null, "Magento_Catalog::products");
        var edit = $"/admin/integrations/{id}/edit";
        var opened = await admin.ConcurrencyTokenAsync(edit);
        opened.Should().NotBeEmpty();
        var (theirs, _, _) = await admin.PostFormAsync("/admin/integrations/save", tokenFrom: edit,
            ("id", id.ToString()), ("concurrency_token", opened), ("name", "Shared Feed (Bo)"), ("all_resources", "1"), ("current_password", ShopHost.AdminPassword));
        theirs.Should().Be(HttpStatusCode.OK, "saved, and redirected to the grid");

        var (status, html, _) = await admin.PostFormAsync("/admin/integrations/save", tokenFrom: edit,
            ("id", id.ToString()), ("concurrency_token", opened), ("name", "Shared Feed (Al)"), ("all_resources", "1"), ("current_password", ShopHost.AdminPassword));

        status.Should().Be(HttpStatusCode.BadRequest);
        html.Should().Contain("changed by someone else in the meantime");
        html.Should().Contain("value=\"Shared Feed (Al)\"", "what the admin typed is kept");
        (await admin.StatusAsync("Shared Feed (Bo)")).Should().NotBe("(not in the grid)");
        (await admin.StatusAsync("Shared Feed (Al)")).Should().Be("(not in the grid)");
    }

    [Fact]
    public async Task A_delete_confirmed_in_a_dialog_opened_before_another_admins_save_is_asked_again()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var id = await admin.CreateAsync("Doomed Feed", null, null, "Magento_Catalog::products");
        var remove = $"/admin/integrations/{id}/remove";
        var opened = await admin.ConcurrencyTokenAsync(remove);
        var edit = $"/admin/integrations/{id}/edit";
        await admin.PostFormAsync("/admin/integrations/save", tokenFrom: edit,
            ("id", id.ToString()), ("concurrency_token", await admin.ConcurrencyTokenAsync(edit)), ("name", "Kept Feed"), ("all_resources", "1"), ("current_password", ShopHost.AdminPassword));

        var (status, html, _) = await admin.PostFormAsync(remove, tokenFrom: remove, ("concurrency_token", opened), ("current_password", ShopHost.AdminPassword));

        status.Should().Be(HttpStatusCode.BadRequest);
        html.Should().Contain("changed by someone else in the meantime").And.Contain("Kept Feed");
        (await admin.StatusAsync("Kept Feed")).Should().NotBe("(not in the grid)");
    }

    [Fact]
    public async Task Allow_retried_from_the_dialog_shown_again_after_the_callback_failed_is_tried_again()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var unreachable = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}/callback"); // nothing listens: the POST fails
        var id = await admin.CreateAsync("Flaky Feed", unreachable, null, "Magento_Catalog::products");
        var allow = $"/admin/integrations/{id}/allow";
        var (first, shownAgain, _) = await admin.PostFormAsync(allow, tokenFrom: allow,
            ("concurrency_token", await admin.ConcurrencyTokenAsync(allow)), ("current_password", ShopHost.AdminPassword));
        first.Should().Be(HttpStatusCode.BadRequest, "the callback could not be posted: the dialog is shown again with the reason");
        var carried = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(shownAgain, "name=\"concurrency_token\" value=\"([^\"]*)\"").Groups[1].Value);

        // the admin clicks Allow again in the dialog shown (the third party's endpoint may be back)
        var (_, html, _) = await admin.PostFormAsync(allow, tokenFrom: allow, ("concurrency_token", carried), ("current_password", ShopHost.AdminPassword));

        // the dialog shown again carried the version read before the claim and rollback of the failed POST (both
        // saves give a new version): the retry was refused as "changed after the dialog was opened (it may already
        // have been allowed)", which it was not
        html.Should().NotContain("changed after the dialog was opened");
    }

    [Fact]
    public async Task A_save_or_delete_whose_concurrency_token_is_missing_or_repeated_does_not_overwrite_another_admins_change()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var id = await admin.CreateAsync("Guarded Feed", null, null, "Magento_Catalog::products");
        var edit = $"/admin/integrations/{id}/edit";
        var remove = $"/admin/integrations/{id}/remove";
        var opened = await admin.ConcurrencyTokenAsync(edit);
        await admin.PostFormAsync("/admin/integrations/save", tokenFrom: edit,
            ("id", id.ToString()), ("concurrency_token", opened), ("name", "Guarded Feed (Bo)"), ("all_resources", "1"), ("current_password", ShopHost.AdminPassword));

        // the page opened before Bo's save posts its version twice (a tampered form, a script adding the field), or not at all
        var (repeated, _, _) = await admin.PostFormAsync("/admin/integrations/save", tokenFrom: edit,
            ("id", id.ToString()), ("concurrency_token", opened), ("concurrency_token", opened), ("name", "Guarded Feed (Al)"), ("all_resources", "1"), ("current_password", ShopHost.AdminPassword));
        var (missing, _, _) = await admin.PostFormAsync(remove, tokenFrom: remove, ("current_password", ShopHost.AdminPassword));

        // Allow refuses such a post; the save and the delete took it as "act on the integration as it is now"
        repeated.Should().Be(HttpStatusCode.BadRequest);
        missing.Should().Be(HttpStatusCode.BadRequest);
        (await admin.StatusAsync("Guarded Feed (Bo)")).Should().NotBe("(not in the grid)");
    }
}
