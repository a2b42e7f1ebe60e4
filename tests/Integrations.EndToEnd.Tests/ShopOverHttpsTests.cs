using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Integrations.EndToEnd.Tests;

/// <summary>The shop over https (a self-signed certificate for 127.0.0.1): HSTS, and every cookie <c>Secure</c>.</summary>
public sealed class ShopOverHttpsTests : IAsyncLifetime
{
    private const string CertificatePassword = "shop-https-test";
    private readonly string certificatePath = Path.Combine(Path.GetTempPath(), "shop-https-" + Guid.NewGuid().ToString("N") + ".pfx");
    private ShopHost? shop;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        shop = ShopHost.OverHttps(certificatePath, CertificatePassword);
        await shop.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (shop is not null)
        {
            await shop.DisposeAsync();
        }

        File.Delete(certificatePath);
    }

    [Fact]
    public async Task Over_https_the_shop_sends_hsts_and_marks_every_cookie_secure()
    {
        using var http = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        })
        {
            BaseAddress = shop!.Address,
        };

        using var login = await http.GetAsync("/admin/login");
        login.Headers.GetValues("Strict-Transport-Security").Single().Should().StartWith("max-age=");
        login.Headers.GetValues("Set-Cookie").Should().ContainSingle(c => c.StartsWith("shop_antiforgery=", StringComparison.Ordinal))
            .Which.Should().Contain("secure").And.Contain("samesite=strict").And.Contain("httponly");

        using var signIn = await http.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ShopHardeningTests.Token(await login.Content.ReadAsStringAsync()),
            ["username"] = ShopHost.AdminUser,
            ["password"] = ShopHost.AdminPassword,
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.GetValues("Set-Cookie").Should().ContainSingle(c => c.StartsWith("shop_admin=", StringComparison.Ordinal))
            .Which.Should().Contain("secure").And.Contain("samesite=strict").And.Contain("httponly");
    }
}
