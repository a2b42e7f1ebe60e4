using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Integrations.EndToEnd.Tests;

/// <summary>Drives the shop's admin over HTTP as the page does: sign-in cookie, antiforgery token, form posts and the dialogs' JSON calls.</summary>
public sealed partial class AdminClient : IDisposable
{
    private readonly CookieContainer cookies;
    private readonly HttpClient http;

    private AdminClient(Uri shop, CookieContainer cookies)
    {
        this.cookies = cookies;
        http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = shop };
    }

    public static async Task<AdminClient> SignInAsync(Uri shop)
    {
        var admin = new AdminClient(shop, new CookieContainer());
        using var response = await admin.SignInAsync(returnUrl: null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/admin/integrations");
        return admin;
    }

    /// <summary>Signs in through the form with a <c>returnUrl</c> field as the login page posts it; returns the answer after redirects.</summary>
    public static async Task<HttpResponseMessage> SignInWithReturnUrlAsync(Uri shop, string returnUrl)
    {
        using var admin = new AdminClient(shop, new CookieContainer());
        return await admin.SignInAsync(returnUrl);
    }

    private async Task<HttpResponseMessage> SignInAsync(string? returnUrl)
    {
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync("/admin/login"),
            ["username"] = ShopHost.AdminUser,
            ["password"] = ShopHost.AdminPassword,
        };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        return await http.PostAsync("/admin/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>The same signed-in session (the same cookies) sent to another shop instance, as a load balancer would.</summary>
    public AdminClient At(Uri otherShop) => new(otherShop, cookies);

    /// <summary>Saves a new integration through the form and returns its id, read from the grid.</summary>
    public async Task<Guid> CreateAsync(string name, Uri? callbackUrl, Uri? identityLinkUrl, params string[] resources)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await AntiforgeryTokenAsync("/admin/integrations/new")),
            new("name", name),
            new("email", "ops@acme.example"),
            new("endpoint", callbackUrl?.AbsoluteUri ?? ""),
            new("identity_link_url", identityLinkUrl?.AbsoluteUri ?? ""),
            new("all_resources", "0"),
            new("current_password", ShopHost.AdminPassword),
        };
        fields.AddRange(resources.Select(resource => new KeyValuePair<string, string>("resource", resource)));
        using var response = await http.PostAsync("/admin/integrations/save", new FormUrlEncodedContent(fields));
        var grid = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, grid);
        grid.Should().Contain($"The integration &#x27;{name}&#x27; has been saved.");
        return Guid.Parse(Regex.Match(grid, $"data-integration=\"{Regex.Escape(name)}\" data-id=\"([^\"]+)\"").Groups[1].Value);
    }

    /// <summary>Switches "Allow Anonymous Guest Access" as the setting form does.</summary>
    public async Task SetGuestAccessAsync(bool enabled)
    {
        using var response = await http.PostAsync("/admin/settings/guest-access", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync("/admin/integrations"),
            ["allow_insecure"] = enabled ? "1" : "0",
        }));
        (await response.Content.ReadAsStringAsync()).Should().Contain("You saved the configuration.");
    }

    public Task<JsonElement> ActivateAsync(Guid id) => PostAsync($"/admin/api/integrations/{id}/activate", body: null);

    public Task<JsonElement> ReauthorizeAsync(Guid id) => PostAsync($"/admin/api/integrations/{id}/reauthorize", body: null);

    public Task<JsonElement> RevealAsync(Guid id) => PostAsync($"/admin/api/integrations/{id}/credentials", new { password = ShopHost.AdminPassword });

    public Task<JsonElement> DeleteAsync(Guid id) => PostAsync($"/admin/api/integrations/{id}/delete", new { password = ShopHost.AdminPassword });

    /// <summary>The integrations grid page, as HTML.</summary>
    public Task<string> GridAsync() => http.GetStringAsync("/admin/integrations");

    /// <summary>The status shown in the grid for an integration.</summary>
    public async Task<string> StatusAsync(string name)
    {
        var grid = await GridAsync();
        var row = Regex.Match(grid, $"data-integration=\"{Regex.Escape(name)}\".*?<td class=\"status\">([^<]*)</td>", RegexOptions.Singleline);
        return row.Success ? row.Groups[1].Value : "(not in the grid)";
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonElement> PostAsync(string path, object? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", await AntiforgeryTokenAsync("/admin/integrations"));
        using var response = await http.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.Should().BeTrue(json.ToString());
        return json;
    }

    private async Task<string> AntiforgeryTokenAsync(string page)
    {
        var html = await http.GetStringAsync(page);
        return AntiforgeryInput().Match(html).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
