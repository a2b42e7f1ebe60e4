using System.Net;
using Integrations.AspNetCore.Authentication;
using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Endpoints;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Storage.InMemory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Tests;

/// <summary>
/// The integrations scheme registered as <c>ShopOAuth</c> next to a default cookie scheme: the handshake's token
/// exchange, signed calls to minimal APIs and controllers, the 401 challenge and the refusal of an ungranted resource
/// behave as under the default name, with the scheme's own options (its realm) everywhere.
/// </summary>
public sealed class CustomSchemeNameTests
{
    private const string Scheme = "ShopOAuth";
    private const string FormType = "application/x-www-form-urlencoded";

    private static async Task<(KestrelHost Host, IFormCollection Posted)> StartExchangeAsync()
    {
        var posted = new TaskCompletionSource<IFormCollection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await KestrelHost.StartAsync(
            b => b.AddShopResources()
                .UseAspNetCore(Scheme, o => o.Realm = "Shop")
                .ConfigureActivation(o =>
                {
                    o.StoreBaseUrl = new Uri("https://shop.example/");
                    o.AllowInsecureCallbackUrls = true;
                }),
            app =>
            {
                ShopEndpoints.Map(app);
                app.MapGet("/rest/V1/me", (HttpContext c) => c.User.Identity!.AuthenticationType).RequireIntegrationResources(ShopEndpoints.Products);
                app.MapControllers();
                app.MapIntegrationsOAuthEndpoints();
                app.MapPost("/third-party/callback", async (HttpContext c) =>
                {
                    posted.TrySetResult(await c.Request.ReadFormAsync());
                    return Results.Ok();
                }).DisableAntiforgery();
            },
            services =>
            {
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                services.AddControllers().AddApplicationPart(typeof(CatalogController).Assembly);
                services.AddAuthorization(o => o.AddPolicy(CatalogController.OrdersPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireIntegrationResources(ShopEndpoints.Orders)));
            },
            authenticationScheme: Scheme);
        var draft = new IntegrationDraft
        {
            Name = "Acme",
            ResourceAccess = ResourceAccess.Custom,
            CallbackUrl = new Uri(host.Address, "third-party/callback").AbsoluteUri,
        };
        draft.Resources.Add(ShopEndpoints.Products);
        var created = await host.WithServiceAsync(s => s.CreateAsync(draft, TestAdminPasswordVerifier.Admin));
        await host.WithServiceAsync(s => s.ActivateAsync(created.Id));
        return (host, await posted.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<Dictionary<string, string>> ExchangeAsync(OAuthClient client, string path)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([]) });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
    }

    [Fact]
    public async Task The_handshake_and_signed_calls_work_under_the_custom_name()
    {
        var (host, posted) = await StartExchangeAsync();
        await using var _ = host;

        var requestToken = await ExchangeAsync(OAuthClient.FromCallback(host, posted), IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath);
        var accessToken = await ExchangeAsync(
            OAuthClient.FromCallback(host, posted, requestToken["oauth_token"], requestToken["oauth_token_secret"], posted["oauth_verifier"]),
            IntegrationsEndpointRouteBuilderExtensions.AccessTokenPath);
        var api = OAuthClient.FromCallback(host, posted, accessToken["oauth_token"], accessToken["oauth_token_secret"]);
        using var minimal = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/products"));
        using var controller = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "mvc/V1/products"));
        using var me = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/me"));
        using var denied = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "mvc/V1/orders"));
        using var deniedByPolicy = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "mvc/V1/orders-by-policy"));

        (await minimal.Content.ReadAsStringAsync()).Should().Be("products for Acme");
        (await controller.Content.ReadAsStringAsync()).Should().Be("products for Acme");
        (await me.Content.ReadAsStringAsync()).Should().Be(Scheme);
        const string deniedChallenge = "OAuth realm=\"Shop\", oauth_problem=\"permission_denied\"";
        await denied.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), deniedChallenge);
        await deniedByPolicy.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), deniedChallenge);
    }

    [Theory]
    [InlineData("rest/V1/products")]
    [InlineData("mvc/V1/products")]
    public async Task An_unsigned_call_is_challenged_by_the_custom_scheme_not_the_default_cookie(string path)
    {
        var (host, _) = await StartExchangeAsync();
        await using var _ = host;

        using var response = await host.Client.GetAsync(path);

        response.Headers.Location.Should().BeNull();
        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Products), "OAuth realm=\"Shop\"");
    }

    [Fact]
    public async Task A_refused_token_request_announces_the_custom_schemes_realm()
    {
        var (host, posted) = await StartExchangeAsync();
        await using var _ = host;
        var forged = new OAuthClient(host, new OAuthClientCredentials { ConsumerKey = posted["oauth_consumer_key"]!, ConsumerSecret = "0123456789abcdefghijklmnopqrstuv" });

        using var response = await forged.SendAsync(new HttpRequestMessage(HttpMethod.Post, IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath) { Content = new FormUrlEncodedContent([]) });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be(FormType);
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).Should().Equal("OAuth realm=\"Shop\", oauth_problem=\"signature_invalid\"");
    }

    [Fact]
    public async Task Only_the_custom_name_is_registered_and_a_second_name_is_refused()
    {
        var services = new ServiceCollection();
        var builder = services.AddIntegrations().UseInMemoryStores().UseAspNetCore(Scheme).UseAspNetCore(Scheme, o => o.AllowBearerTokens = true);
        await using var provider = services.BuildServiceProvider();

        var schemes = await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        var second = () => builder.UseAspNetCore();

        schemes.Select(s => s.Name).Should().Equal(Scheme);
        provider.GetRequiredService<IntegrationsAuthenticationScheme>().Name.Should().Be(Scheme);
        second.Should().Throw<InvalidOperationException>().WithMessage("*already registered as 'ShopOAuth'*");
    }
}
