using System.Net;
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
    public Task<Guid> CreateAsync(string name, Uri? callbackUrl, Uri? identityLinkUrl, params string[] resources) =>
        CreateAsync(name, "ops@acme.example", callbackUrl, identityLinkUrl, resources);

    /// <summary>Saves a new integration with the products resource and the given contact e-mail address.</summary>
    public Task<Guid> CreateWithEmailAsync(string name, string email) => CreateAsync(name, email, null, null, ["Magento_Catalog::products"]);

    private async Task<Guid> CreateAsync(string name, string email, Uri? callbackUrl, Uri? identityLinkUrl, string[] resources)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await AntiforgeryTokenAsync("/admin/integrations/new")),
            new("name", name),
            new("email", email),
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
        var found = await http.GetStringAsync("/admin/integrations?name=" + Uri.EscapeDataString(name));
        return Guid.Parse(Regex.Match(found, $"data-integration=\"{Regex.Escape(name)}\" data-id=\"([^\"]+)\"").Groups[1].Value);
    }

    /// <summary>Switches "Allow Anonymous Guest Access" as the settings panel does.</summary>
    public async Task SetGuestAccessAsync(bool enabled)
    {
        using var response = await http.PostAsync("/admin/integrations/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync("/admin/integrations"),
            ["allow_insecure"] = enabled ? "1" : "0",
        }));
        (await response.Content.ReadAsStringAsync()).Should().Contain("You saved the configuration.");
    }

    /// <summary>Activate → Allow with the password; what the page shows as JSON: <c>credentials</c> (tokens dialog) or <c>identityLinkUrl</c>.</summary>
    public Task<JsonElement> ActivateAsync(Guid id) => AllowAsync(id);

    /// <summary>Reauthorize → Reauthorize with the password; what the page shows, as <see cref="ActivateAsync"/>.</summary>
    public Task<JsonElement> ReauthorizeAsync(Guid id) => AllowAsync(id);

    /// <summary>The edit page's "Show Credentials" with the password: the tokens dialog's four values as <c>credentials</c>.</summary>
    public async Task<JsonElement> RevealAsync(Guid id) =>
        Shown(await PostFormAsync($"/admin/integrations/{id}/edit", $"/admin/integrations/{id}/credentials"));

    /// <summary>Remove → OK with the password.</summary>
    public async Task DeleteAsync(Guid id)
    {
        // the dialog carries the integration's version, as Allow's does
        var remove = $"/admin/integrations/{id}/remove";
        var (_, grid, _) = await PostFormAsync(remove, tokenFrom: remove, ("concurrency_token", await ConcurrencyTokenAsync(remove)), ("current_password", ShopHost.AdminPassword));
        grid.Should().Contain("has been deleted.");
    }

    /// <summary>The integrations grid page, as HTML.</summary>
    public Task<string> GridAsync() => http.GetStringAsync("/admin/integrations");

    /// <summary>The status shown in the grid for an integration.</summary>
    public async Task<string> StatusAsync(string name)
    {
        var grid = await GridAsync();
        var row = Regex.Match(grid, $"data-integration=\"{Regex.Escape(name)}\".*?<td class=\"status\">([^<]*)</td>", RegexOptions.Singleline);
        return row.Success ? row.Groups[1].Value : "(not in the grid)";
    }

    /// <summary>The settings panel's read-only rows: label, value, the option that sets it.</summary>
    public async Task<IReadOnlyList<(string Label, string Value, string Source)>> FixedSettingsAsync()
    {
        var grid = await http.GetStringAsync("/admin/integrations");
        return FixedSetting().Matches(grid)
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value), WebUtility.HtmlDecode(m.Groups[3].Value)))
            .ToList();
    }

    /// <summary>Posts a form as it is given (with the page's antiforgery token when <paramref name="tokenFrom"/> names a page); the status and the page answered.</summary>
    public async Task<(HttpStatusCode Status, string Html, string? CacheControl)> PostFormAsync(string action, string? tokenFrom, params (string Name, string Value)[] fields)
    {
        var content = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (tokenFrom is not null)
        {
            content.Add(new("__RequestVerificationToken", await AntiforgeryTokenAsync(tokenFrom)));
        }

        using var response = await http.PostAsync(action, new FormUrlEncodedContent(content));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.CacheControl?.ToString());
    }

    /// <summary>The integration version a page's form carries (its hidden <c>concurrency_token</c>).</summary>
    public async Task<string> ConcurrencyTokenAsync(string page) =>
        WebUtility.HtmlDecode(ConcurrencyTokenInput().Match(await http.GetStringAsync(page)).Groups[1].Value);

    /// <summary>The cookies this admin sends, as a <c>Cookie</c> header (what a thief would copy).</summary>
    public string CookieHeader() => cookies.GetCookieHeader(http.BaseAddress!);

    /// <summary>Signs out with the top bar's form (a POST with the antiforgery token).</summary>
    public async Task SignOutAsync()
    {
        using var response = await http.PostAsync("/admin/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync("/admin/integrations"),
        }));
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/admin/login");
    }

    /// <summary>Where a page leads when requested with nothing but the given <c>Cookie</c> header.</summary>
    public static async Task<string> LandsOnWithCookieAsync(Uri shop, string cookieHeader, string path)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = shop };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location!.AbsolutePath : path;
    }

    /// <summary>Where a page leads after redirects (the sign-in page when the session is not accepted).</summary>
    public async Task<string> LandsOnAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonElement> AllowAsync(Guid id)
    {
        // The permissions dialog carries the integration's version: Allow acts on the state it showed.
        var dialog = await http.GetStringAsync($"/admin/integrations/{id}/allow");
        using var response = await http.PostAsync($"/admin/integrations/{id}/allow", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryInput().Match(dialog).Groups[1].Value,
            ["concurrency_token"] = WebUtility.HtmlDecode(ConcurrencyTokenInput().Match(dialog).Groups[1].Value),
            ["current_password"] = ShopHost.AdminPassword,
        }));
        var html = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(html);
        return Shown(html);
    }

    /// <summary>Opens a page for its form's antiforgery token, posts the form with the admin's password, returns the page answered.</summary>
    private async Task<string> PostFormAsync(string page, string action)
    {
        using var response = await http.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(page),
            ["current_password"] = ShopHost.AdminPassword,
        }));
        var html = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(html);
        return html;
    }

    /// <summary>What a dialog shows: the tokens dialog's four values, or the exchange dialog's identity link.</summary>
    private static JsonElement Shown(string html)
    {
        var tokens = TokenInput().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var link = IdentityLink().Match(html);
        object shown = tokens.Count > 0
            ? new { credentials = tokens }
            : link.Success ? new { identityLinkUrl = WebUtility.HtmlDecode(link.Groups[1].Value) } : new { };
        return JsonSerializer.SerializeToElement(shown);
    }

    private async Task<string> AntiforgeryTokenAsync(string page)
    {
        var html = await http.GetStringAsync(page);
        return AntiforgeryInput().Match(html).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("name=\"concurrency_token\" value=\"([^\"]*)\"")]
    private static partial Regex ConcurrencyTokenInput();

    [GeneratedRegex("data-token=\"(\\w+)\" value=\"([^\"]*)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("<tr><th scope=\"row\">([^<]*)</th><td>([^<]*)</td><td><code>([^<]*)</code></td></tr>")]
    private static partial Regex FixedSetting();

    [GeneratedRegex("data-role=\"identity-link\" href=\"([^\"]+)\"")]
    private static partial Regex IdentityLink();
}
