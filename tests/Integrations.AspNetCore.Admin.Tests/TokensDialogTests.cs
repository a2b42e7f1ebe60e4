using Bunit;
using Integrations.AspNetCore.Admin.Components;
using Integrations.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Admin.Tests;

public sealed class TokensDialogTests
{
    [Fact]
    public void The_four_credentials_are_shown_read_only_with_a_copy_button_each_and_done_goes_back_to_the_grid()
    {
        using var context = new BunitContext();
        context.Services.AddLocalization();
        var credentials = new IntegrationCredentials("ck", "cs", "at", "ats");

        var dialog = context.Render<TokensDialog>(parameters => parameters
            .Add(p => p.Credentials, credentials)
            .Add(p => p.BackUrl, "/admin/integrations?page=2"));

        dialog.FindAll("input[data-token]").Select(input => (input.GetAttribute("data-token"), input.GetAttribute("value"), input.HasAttribute("readonly")))
            .Should().Equal(("consumerKey", "ck", true), ("consumerSecret", "cs", true), ("accessToken", "at", true), ("accessTokenSecret", "ats", true));
        dialog.FindAll("button[data-copy]").Select(button => button.GetAttribute("aria-label"))
            .Should().Equal("Copy Consumer Key", "Copy Consumer Secret", "Copy Access Token", "Copy Access Token Secret");
        dialog.Find("a[data-role='done']").GetAttribute("href").Should().Be("/admin/integrations?page=2");
    }
}
