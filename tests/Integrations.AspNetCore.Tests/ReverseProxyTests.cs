using System.Net;
using System.Text.Json;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Integrations.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Tests;

/// <summary>
/// Behind a reverse proxy the host runs ASP.NET Core's forwarded-headers middleware, trusting the proxies it lists;
/// the adapter signs over the request as that middleware resolved it, and reads no forwarded header itself. The
/// proxy here is the test client on 127.0.0.1, sending what a proxy would add.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string PublicUrl = "https://shop.example.com/store/rest/V1/products?searchCriteria[pageSize]=20";
    private const string ReceivedPath = "rest/V1/products?searchCriteria[pageSize]=20";

    private static async Task<(KestrelHost Host, ActivatedIntegration Acme)> StartAsync(IPAddress knownProxy, Action<OAuthOptions>? oauth = null)
    {
        var host = await KestrelHost.StartAsync(
            b =>
            {
                b.AddShopResources();
                if (oauth is not null)
                {
                    b.Services.Configure(oauth);
                }
            },
            ShopEndpoints.Map,
            services => services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
                o.KnownProxies.Add(knownProxy);
            }),
            beforeAuthentication: app => app.UseForwardedHeaders());
        var draft = new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(ShopEndpoints.Products);
        return (host, await host.CreateActiveIntegrationAsync(draft));
    }

    /// <summary>A call the client signed for <paramref name="signedFor"/>, received with a proxy's headers.</summary>
    private static async Task<HttpResponseMessage> SendThroughProxyAsync(KestrelHost host, ActivatedIntegration acme, string signedFor)
    {
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, ReceivedPath), new Uri(signedFor));
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "shop.example.com");
        request.Headers.Add("X-Forwarded-Prefix", "/store");
        return await host.Client.SendAsync(request);
    }

    [Fact]
    public async Task Through_a_known_proxy_the_signature_over_the_public_url_verifies()
    {
        var (host, acme) = await StartAsync(IPAddress.Loopback);
        await using var _ = host;

        using var response = await SendThroughProxyAsync(host, acme, PublicUrl);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).Should().Be("products for Acme");
    }

    [Fact]
    public async Task The_headers_of_a_proxy_the_host_does_not_know_are_ignored()
    {
        var (host, acme) = await StartAsync(IPAddress.Parse("10.0.0.1"));
        await using var _ = host;

        using var forged = await SendThroughProxyAsync(host, acme, PublicUrl);
        using var direct = await new OAuthClient(host, acme.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, ReceivedPath));

        await forged.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized,
            JsonSerializer.Serialize(new { message = "The signature is invalid. Verify and try again." }),
            "OAuth realm=\"Integrations\", oauth_problem=\"signature_invalid\"");
        direct.StatusCode.Should().Be(HttpStatusCode.OK, "the request as received is what the host sees");
    }

    [Fact]
    public async Task A_public_base_url_overrides_what_the_forwarded_headers_resolved()
    {
        var (host, acme) = await StartAsync(IPAddress.Loopback, o => o.PublicBaseUrl = new Uri("https://www.example.org/shop/"));
        await using var _ = host;

        using var publicUrl = await SendThroughProxyAsync(host, acme, "https://www.example.org/shop/" + ReceivedPath);
        using var forwardedUrl = await SendThroughProxyAsync(host, acme, PublicUrl);

        publicUrl.StatusCode.Should().Be(HttpStatusCode.OK, await publicUrl.Content.ReadAsStringAsync());
        forwardedUrl.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
