using System.Net;
using System.Text.RegularExpressions;

namespace Integrations.EndToEnd.Tests;

/// <summary>The shop as an attacker finds it: headers, cookies, sign-out, the key ring, file modes, a sign-in flood.</summary>
public sealed partial class ShopHardeningTests(ShopHost shop) : IClassFixture<ShopHost>
{
    [Fact]
    public async Task A_data_directory_whose_path_holds_a_semicolon_is_used_as_given()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"shop-e2e-{Guid.NewGuid():N};Mode=Memory");
        var shop = ShopHost.WithSettings("--Shop:DataDirectory", directory);
        try
        {
            await shop.InitializeAsync(); // the start threw: the path was read as connection-string syntax

            File.Exists(Path.Combine(directory, "shop.db")).Should().BeTrue("the database is the file in the directory given");
        }
        finally
        {
            await shop.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_login_limit_below_one_attempt_stops_the_start()
    {
        var shop = ShopHost.WithSettings("--Shop:LoginAttemptsPerMinute", "0");
        try
        {
            var start = () => shop.InitializeAsync();

            // the shop started, and its rate limiter threw on the first sign-in (a 500)
            await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("Shop:LoginAttemptsPerMinute must be at least 1*");
        }
        finally
        {
            await shop.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_no_sniffing_or_framing()
    {
        using var http = new HttpClient { BaseAddress = shop.Address };
        foreach (var path in new[] { "/admin/login", "/admin/integrations/assets/admin.css" })
        {
            using var response = await http.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.Should().Contain("script-src 'self'").And.Contain("style-src 'self'").And.Contain("frame-ancestors 'none'")
                .And.NotContain("unsafe-inline");
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
            response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS is sent over https only");
        }
    }

    [Fact]
    public async Task Sign_out_is_a_post_with_antiforgery_and_revokes_the_session_a_copied_cookie_held()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = shop.Address };
        var login = await http.GetStringAsync("/admin/login");
        using var signIn = await http.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(login),
            ["username"] = ShopHost.AdminUser,
            ["password"] = ShopHost.AdminPassword,
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("shop_admin=", StringComparison.Ordinal));
        setCookie.Should().Contain("httponly").And.Contain("samesite=strict");
        var copied = cookies.GetCookieHeader(shop.Address);

        (await http.GetAsync("/admin/logout")).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        using (var withoutToken = await http.PostAsync("/admin/logout", new FormUrlEncodedContent([])))
        {
            withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        var grid = await http.GetStringAsync("/admin/integrations");
        using (var signOut = await http.PostAsync("/admin/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(grid) })))
        {
            signOut.Headers.Location!.OriginalString.Should().Be("/admin/login");
        }

        // The cookie copied before the sign-out no longer opens the admin.
        (await AdminClient.LandsOnWithCookieAsync(shop.Address, copied, "/admin/integrations")).Should().Be("/admin/login");
    }

    [Fact]
    public async Task A_cookie_of_one_shop_opens_no_other_shop_on_the_machine()
    {
        await using var other = new ShopHost();
        await other.InitializeAsync();
        using var admin = await AdminClient.SignInAsync(shop.Address);
        using var stranger = admin.At(other.Address);

        (await stranger.StatusAsync("anything")).Should().Be("(not in the grid)");
        (await stranger.LandsOnAsync("/admin/integrations")).Should().Be("/admin/login", "the other shop has its own Data Protection key ring");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Data_and_key_files_are_readable_by_the_shop_owner_only()
    {
        using (var admin = await AdminClient.SignInAsync(shop.Address))
        {
            await admin.StatusAsync("anything");
        }

        var files = new[] { "shop.db", "shop-secret.key" }.Select(name => Path.Combine(shop.DataDirectory, name))
            .Concat(Directory.GetFiles(Path.Combine(shop.DataDirectory, "keys"), "*.xml"))
            .ToList();
        files.Should().HaveCountGreaterThan(2, "the key ring holds at least one key once a cookie was issued");
        foreach (var file in files)
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
        }
    }

    internal static string Token(string html) => AntiforgeryInput().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
