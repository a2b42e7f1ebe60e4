using System.Net;
using Integrations.Acl;
using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Tests;

/// <summary>
/// MVC controllers and a Razor Page guarded by <see cref="IntegrationResourceAttribute"/> (and a named policy built
/// with the policy builder extension) in a host whose default scheme is a cookie, as a shop with an admin has: the same ACL and the
/// same Magento answers as the minimal-API endpoints of <see cref="ShopEndpoints"/>, never a cookie redirect.
/// </summary>
public sealed class ControllerAuthorizationTests
{
    private const string DeniedChallenge = "OAuth realm=\"Integrations\", oauth_problem=\"permission_denied\"";

    private static Task<KestrelHost> StartAsync(bool guestAccess = false) =>
        KestrelHost.StartAsync(
            b => b.AddShopResources().ConfigureAcl(o => o.AllowAnonymousGuestAccess = guestAccess),
            app =>
            {
                ShopEndpoints.Map(app);
                app.MapControllers();
                app.MapRazorPages();
            },
            services =>
            {
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                services.AddAuthorization(o => o.AddPolicy(CatalogController.OrdersPolicy, p => p.RequireIntegrationResources(ShopEndpoints.Orders)));
                services.AddControllers().AddApplicationPart(typeof(CatalogController).Assembly);
                services.AddRazorPages().AddApplicationPart(typeof(CatalogController).Assembly);
            });

    private static Task<ActivatedIntegration> AcmeAsync(KestrelHost host, params string[] resources) => IntegrationAsync(host, "Acme", resources);

    private static Task<ActivatedIntegration> IntegrationAsync(KestrelHost host, string name, params string[] resources)
    {
        var draft = new IntegrationDraft { Name = name, ResourceAccess = ResourceAccess.Custom };
        foreach (var resource in resources)
        {
            draft.Resources.Add(resource);
        }

        return host.CreateActiveIntegrationAsync(draft);
    }

    private static async Task<HttpResponseMessage> SignedGetAsync(KestrelHost host, ActivatedIntegration integration, string path) =>
        await new OAuthClient(host, integration.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    [Fact]
    public async Task A_signed_call_to_an_action_whose_resource_is_granted_is_served_to_the_integration()
    {
        await using var host = await StartAsync();
        var acme = await AcmeAsync(host, ShopEndpoints.Products);

        using var response = await SignedGetAsync(host, acme, "mvc/V1/products");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("products for Acme");
    }

    [Fact]
    public async Task A_signed_call_to_an_action_whose_resource_is_not_granted_gets_the_same_answer_as_a_minimal_api()
    {
        await using var host = await StartAsync();
        var acme = await AcmeAsync(host, ShopEndpoints.Products);

        using var controller = await SignedGetAsync(host, acme, "mvc/V1/orders");
        using var minimal = await SignedGetAsync(host, acme, "rest/V1/orders");

        await controller.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), DeniedChallenge);
        await minimal.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), DeniedChallenge);
    }

    [Fact]
    public async Task An_unsigned_call_gets_the_oauth_challenge_not_the_default_cookie_schemes_redirect()
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetAsync("mvc/V1/products");

        response.Headers.Location.Should().BeNull();
        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Products), "OAuth realm=\"Integrations\"");
    }

    [Fact]
    public async Task A_razor_page_guarded_by_the_attribute_gets_the_same_check_and_answers()
    {
        await using var host = await StartAsync();
        var acme = await AcmeAsync(host, ShopEndpoints.Products);
        var orders = await IntegrationAsync(host, "Orders Only", ShopEndpoints.Orders);

        using var served = await SignedGetAsync(host, acme, "pages/products");
        using var refused = await SignedGetAsync(host, orders, "pages/products");
        using var unsigned = await host.Client.GetAsync("pages/products");

        served.StatusCode.Should().Be(HttpStatusCode.OK);
        (await served.Content.ReadAsStringAsync()).Trim().Should().Be("products for Acme");
        await refused.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Products), DeniedChallenge);
        unsigned.Headers.Location.Should().BeNull();
        await unsigned.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Products), "OAuth realm=\"Integrations\"");
    }

    [Fact]
    public async Task A_guest_reaches_a_guest_eligible_action_when_the_host_allows_guests()
    {
        await using var host = await StartAsync(guestAccess: true);

        using var response = await host.Client.GetAsync("mvc/V1/products");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the attribute adds no authenticated-user rule of its own");
        (await response.Content.ReadAsStringAsync()).Should().Be("products for guest");
    }

    [Fact]
    public async Task The_attributes_of_the_class_and_the_action_are_all_required_and_all_named()
    {
        await using var host = await StartAsync();
        var orders = await AcmeAsync(host, ShopEndpoints.Orders);

        using var classOnly = await SignedGetAsync(host, orders, "mvc/V1/sales");
        using var both = await SignedGetAsync(host, orders, "mvc/V1/sales/with-products");

        classOnly.StatusCode.Should().Be(HttpStatusCode.OK);
        (await classOnly.Content.ReadAsStringAsync()).Should().Be("sales for Acme");
        await both.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized,
            ResponseAssertions.NotAuthorizedJson($"{ShopEndpoints.Orders}, {ShopEndpoints.Products}"), DeniedChallenge);
    }

    [Fact]
    public async Task A_named_policy_built_with_the_policy_builder_extension_applies_the_same_check()
    {
        await using var host = await StartAsync();
        var products = await AcmeAsync(host, ShopEndpoints.Products);
        var all = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "All", ResourceAccess = ResourceAccess.All });

        using var refused = await SignedGetAsync(host, products, "mvc/V1/orders-by-policy");
        using var served = await SignedGetAsync(host, all, "mvc/V1/orders-by-policy");
        using var unsigned = await host.Client.GetAsync("mvc/V1/orders-by-policy");

        await refused.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), DeniedChallenge);
        (await served.Content.ReadAsStringAsync()).Should().Be("orders for All");
        await unsigned.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), "OAuth realm=\"Integrations\"");
    }

    [Fact]
    public void The_attribute_refuses_an_empty_resource_list()
    {
        var act = () => new IntegrationResourceAttribute();

        act.Should().Throw<ArgumentException>().WithMessage("*At least one resource*");
    }
}
