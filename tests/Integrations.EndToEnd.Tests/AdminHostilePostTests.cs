using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Integrations.EndToEnd.Tests;

/// <summary>Malformed or tampered posts to the admin pages: answered 400, never a 500, and nothing changes.</summary>
public sealed class AdminHostilePostTests(ShopHost shop) : IClassFixture<ShopHost>
{
    [Theory]
    [InlineData("/admin/integrations/save")]
    [InlineData("/admin/integrations/settings")]
    [InlineData("/admin/integrations/3f2504e0-4f89-11d3-9a0c-0305e82c3301/credentials")]
    public async Task A_post_that_is_not_a_form_but_carries_the_antiforgery_header_is_refused_400_not_500(string action)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = shop.Address };
        var login = await http.GetStringAsync("/admin/login");
        (await http.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
            ["username"] = ShopHost.AdminUser,
            ["password"] = ShopHost.AdminPassword,
        }))).Dispose();
        var page = await http.GetStringAsync("/admin/integrations/new");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        // ASP.NET Core's antiforgery accepts the token in the RequestVerificationToken header as well as in the form.
        using var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new StringContent("{\"name\":\"Json\",\"current_password\":\"x\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_post_with_more_fields_than_the_form_limit_is_refused_400_not_500()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var fields = new List<(string, string)> { ("name", "Many Fields"), ("all_resources", "0"), ("current_password", ShopHost.AdminPassword) };
        fields.AddRange(Enumerable.Repeat(("resource", "Magento_Catalog::products"), 1100));

        var (status, _, _) = await admin.PostFormAsync("/admin/integrations/save", tokenFrom: "/admin/integrations/new", [.. fields]);

        status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.StatusAsync("Many Fields")).Should().Be("(not in the grid)");
    }

    [Fact]
    public async Task A_save_whose_id_is_not_a_guid_is_refused_rather_than_creating_another_integration()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);
        var id = await admin.CreateAsync("Tampered Id", null, null, "Magento_Catalog::products");

        var (status, _, _) = await admin.PostFormAsync("/admin/integrations/save", tokenFrom: $"/admin/integrations/{id}/edit",
            ("id", id + "x"), ("name", "Tampered Id renamed"), ("all_resources", "1"), ("current_password", ShopHost.AdminPassword));

        status.Should().Be(HttpStatusCode.BadRequest);
        (await admin.StatusAsync("Tampered Id renamed")).Should().Be("(not in the grid)");
    }
}
