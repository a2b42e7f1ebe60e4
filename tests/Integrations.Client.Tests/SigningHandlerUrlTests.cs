using System.Net;
using Integrations.Client.Signing;
using Integrations.Client.Tests.Infrastructure;
using Integrations.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Tests;

/// <summary>The signing handler against the shop over real HTTP on 127.0.0.1, at URL edges.</summary>
public sealed class SigningHandlerUrlTests : IAsyncLifetime
{
    private ShopServer _shop = null!;

    public async Task InitializeAsync() => _shop = await ShopServer.StartAsync(o => o.IncludeBaseStringInProblems = true);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    public sealed class ShopApi(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }

    [Fact]
    public async Task A_request_whose_url_carries_user_info_is_signed_for_the_url_the_shop_receives_and_served()
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        var services = new ServiceCollection();
        services.AddHttpClient<ShopApi>(http => http.BaseAddress = _shop.Address)
            .AddIntegrationsOAuthSigning(new TenantCredentials(new Dictionary<string, OAuthClientCredentials> { ["default"] = TenantCredentials.From(acme) }));
        await using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<ShopApi>();

        // HttpClient sends the request without the user info (it never reaches the request line nor the Host header),
        // so the shop verifies http://127.0.0.1:port/rest/V1/products?a=1: the handler must sign that URL
        using var response = await api.Http.GetAsync($"http://proxyuser:proxypassword@127.0.0.1:{_shop.Address.Port}/rest/V1/products?a=1");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
