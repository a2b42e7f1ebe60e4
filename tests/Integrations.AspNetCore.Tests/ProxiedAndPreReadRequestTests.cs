using System.Net;
using System.Net.Sockets;
using System.Text;
using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Integrations.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Tests;

/// <summary>Requests as real clients and proxies send them, read by the adapter over real Kestrel: the URL and body verified must be those the client signed.</summary>
public sealed class ProxiedAndPreReadRequestTests
{
    private const string FormType = "application/x-www-form-urlencoded";

    private static async Task<(KestrelHost Host, ActivatedIntegration Acme)> StartAsync(Action<WebApplication>? beforeAuthentication = null, Action<WebApplication>? map = null)
    {
        var host = await KestrelHost.StartAsync(
            b => b.AddShopResources().Services.Configure<OAuthOptions>(o => o.IncludeBaseStringInProblems = true), // the refusal names the base string the server computed
            map ?? ShopEndpoints.Map, beforeAuthentication: beforeAuthentication);
        return (host, await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.All }));
    }

    /// <summary>The Authorization header a client computes for exactly this method, URL and body (Core's signer, as the client package uses it).</summary>
    private static string Sign(KestrelHost host, ActivatedIntegration acme, string method, string url, string? contentType = null, byte[]? body = null) =>
        host.Services.GetRequiredService<IOAuthSigner>().CreateAuthorizationHeader(
            new OAuthWireRequest { Method = method, Url = url, ContentType = contentType, Body = body ?? [] },
            new OAuthClientCredentials
            {
                ConsumerKey = acme.Credentials.ConsumerKey,
                ConsumerSecret = acme.Credentials.ConsumerSecret,
                Token = acme.Credentials.AccessToken,
                TokenSecret = acme.Credentials.AccessTokenSecret,
            });

    /// <summary>Forwarded headers from the test client (127.0.0.1), trusted as the proxy.</summary>
    private static void UseTrustedForwardedHeaders(WebApplication app)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        options.KnownProxies.Add(IPAddress.Loopback);
        app.UseForwardedHeaders(options);
    }

    /// <summary>Sends the request head (and body) as written, over a plain socket, and returns the status line and the whole response.</summary>
    private static async Task<(string StatusLine, string Response)> SendRawAsync(KestrelHost host, string head, byte[]? body = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, host.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        if (body is not null)
        {
            await stream.WriteAsync(body);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(timeout.Token); // Connection: close
        return (response[..response.IndexOf("\r\n", StringComparison.Ordinal)], response);
    }

    /// <summary>
    /// A GET of <paramref name="path"/> as a proxy forwards it (https, the host of <paramref name="signedUrl"/>,
    /// <c>X-Forwarded-Prefix: </c><paramref name="prefix"/>), signed for <paramref name="signedUrl"/>: the body of its 200.
    /// </summary>
    private static async Task<string> ForwardedGetAsync(KestrelHost host, ActivatedIntegration acme, string path, string signedUrl, string prefix)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", Sign(host, acme, "GET", signedUrl));
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", new Uri(signedUrl).Authority);
        request.Headers.Add("X-Forwarded-Prefix", prefix);

        using var response = await host.Client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return body;
    }

    [Fact]
    public async Task Behind_a_prefix_stripping_proxy_an_app_mounted_with_UsePathBase_verifies_the_public_url_the_client_signed()
    {
        // public https://shop.example.com/store/api/rest/V1/products; the proxy strips /store (X-Forwarded-Prefix: /store)
        // and forwards /api/rest/V1/products to an app mounted under /api
        var (host, acme) = await StartAsync(app =>
        {
            UseTrustedForwardedHeaders(app);
            app.UsePathBase("/api");
            app.UseRouting();
        });
        await using var _ = host;
        var body = await ForwardedGetAsync(host, acme, "api/rest/V1/products", "https://shop.example.com/store/api/rest/V1/products", "/store");

        body.Should().Be("products for Acme");
    }

    [Fact]
    public async Task Behind_a_prefix_stripping_proxy_a_route_whose_first_segment_equals_the_prefix_verifies_the_public_url()
    {
        // a gateway publishes the service under /catalog and strips it; the service's own routes also start with /catalog
        var (host, acme) = await StartAsync(UseTrustedForwardedHeaders, app =>
            app.MapGet("/catalog/items", (HttpContext c) => "items for " + c.GetIntegration()?.Name)
                .RequireIntegrationResources(ShopEndpoints.Products));
        await using var _ = host;
        var body = await ForwardedGetAsync(host, acme, "catalog/items", "https://gw.example.com/catalog/catalog/items", "/catalog");

        body.Should().Be("items for Acme");
    }

    [Fact]
    public async Task A_forwarded_prefix_with_a_trailing_slash_verifies_the_public_url_without_a_doubled_slash()
    {
        // a proxy configured to strip "/store/" (Traefik StripPrefix with that prefix) sends X-Forwarded-Prefix: /store/
        var (host, acme) = await StartAsync(UseTrustedForwardedHeaders);
        await using var _ = host;
        var body = await ForwardedGetAsync(host, acme, "rest/V1/products", "https://shop.example.com/store/rest/V1/products", "/store/");

        body.Should().Be("products for Acme");
    }

    [Fact]
    public async Task A_signed_form_post_is_served_when_a_middleware_before_authentication_already_read_the_form()
    {
        // ASP.NET Core's own method-override middleware reads the form (unbuffered) before authentication
        var (host, acme) = await StartAsync(app => app.UseHttpMethodOverride(new HttpMethodOverrideOptions { FormFieldName = "_method" }));
        await using var _ = host;
        var form = Encoding.ASCII.GetBytes("sku=MS-Champion-S&name=Champion+Hoodie");
        var request = new HttpRequestMessage(HttpMethod.Post, "rest/V1/products") { Content = new ByteArrayContent(form) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", FormType);
        request.Headers.TryAddWithoutValidation("Authorization", Sign(host, acme, "POST", new Uri(host.Address, "rest/V1/products").AbsoluteUri, FormType, form));

        using var response = await host.Client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        body.Should().Be("created MS-Champion-S for Acme");
    }

    [Theory]
    [InlineData("/rest/V1/products/caf%c3%a9")] // lower-case hex, as some encoders write it
    [InlineData("/rest/V1/products/MS%7E01")] // "~" escaped, as java.net.URLEncoder writes it
    public async Task A_request_in_absolute_form_is_verified_over_the_path_exactly_as_sent(string path)
    {
        var (host, acme) = await StartAsync(map: app =>
            app.MapGet("/rest/V1/products/{sku}", (string sku, HttpContext c) => $"{sku} for {c.GetIntegration()?.Name}")
                .RequireIntegrationResources(ShopEndpoints.Products));
        await using var _ = host;
        var authority = $"127.0.0.1:{host.Address.Port}";
        var url = $"http://{authority}{path}";

        // RFC 9112 §3.2.2: a server must accept the absolute form (what a client configured with the server as its proxy sends)
        var (status, response) = await SendRawAsync(host,
            $"GET {url} HTTP/1.1\r\nHost: {authority}\r\nAuthorization: {Sign(host, acme, "GET", url)}\r\nConnection: close\r\n\r\n");

        status.Should().Be("HTTP/1.1 200 OK", response);
        response.Should().Contain("for Acme");
    }

    [Fact]
    public async Task Behind_a_prefix_stripping_proxy_a_target_with_a_dot_segment_verifies_the_public_url_as_sent()
    {
        // the proxy strips /store and forwards the rest of the target as the client sent it
        var (host, acme) = await StartAsync(UseTrustedForwardedHeaders);
        await using var _ = host;
        var url = "https://shop.example.com/store/rest/V1/x/../products";
        var authority = $"127.0.0.1:{host.Address.Port}";
        var (status, response) = await SendRawAsync(host,
            $"GET /rest/V1/x/../products HTTP/1.1\r\nHost: {authority}\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: shop.example.com\r\nX-Forwarded-Prefix: /store\r\nAuthorization: {Sign(host, acme, "GET", url)}\r\nConnection: close\r\n\r\n");

        status.Should().Be("HTTP/1.1 200 OK", response);
    }
}
