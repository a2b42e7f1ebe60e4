using System.Net;
using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Tests;

/// <summary>The resource check where the host checks it: MVC's global authorize filter, code, and an endpoint open to the host's cookie too.</summary>
public sealed class MixedAuthorizationTests
{
    private const string OrdersPolicy = CatalogController.OrdersPolicy;

    /// <summary>
    /// A host that adds a global MVC <see cref="AuthorizeFilter"/> (a common "authorize every controller" setup) and
    /// guards an action with a named policy built with <c>RequireIntegrationResources</c>, as the README shows: an
    /// integration with Resource Access All must be served.
    /// </summary>
    [Fact]
    public async Task A_named_policy_with_integration_resources_still_serves_an_All_integration_when_the_host_adds_a_global_mvc_authorize_filter()
    {
        await using var host = await KestrelHost.StartAsync(
            b => b.AddShopResources(),
            app => app.MapControllers(),
            services =>
            {
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                services.AddAuthorization(o => o.AddPolicy(OrdersPolicy, p => p.RequireIntegrationResources(ShopEndpoints.Orders)));
                services.AddControllers(o => o.Filters.Add(new AuthorizeFilter(new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build())))
                    .AddApplicationPart(typeof(CatalogController).Assembly);
            });
        var all = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "All", ResourceAccess = ResourceAccess.All });

        using var response = await new OAuthClient(host, all.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, "mvc/V1/orders-by-policy"));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"an All integration reaches every resource (got {body})");
        body.Should().Be("orders for All");
    }

    /// <summary>
    /// Imperative (resource-based) authorization with the same requirement, the standard ASP.NET Core way to check a
    /// policy inside a handler: <c>IAuthorizationService.AuthorizeAsync(User, order, "Orders")</c>. The signed-in
    /// integration is granted the resource, so the check must succeed.
    /// </summary>
    [Fact]
    public async Task Imperative_authorization_with_the_integration_resources_policy_allows_the_integration_that_is_granted_the_resource()
    {
        await using var host = await KestrelHost.StartAsync(
            b => b.AddShopResources(),
            app => app.MapGet("/rest/V1/orders/{id:int}", async (int id, HttpContext c, IAuthorizationService authorization) =>
                {
                    var order = new { id };
                    var result = await authorization.AuthorizeAsync(c.User, order, OrdersPolicy);
                    return result.Succeeded ? $"order {id} for {c.GetIntegration()!.Name}" : "refused by the imperative check";
                })
                .RequireIntegrationResources(ShopEndpoints.Products),
            services => services.AddAuthorization(o => o.AddPolicy(OrdersPolicy, p => p.RequireIntegrationResources(ShopEndpoints.Orders))));
        var draft = new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(ShopEndpoints.Products);
        draft.Resources.Add(ShopEndpoints.Orders);
        var acme = await host.CreateActiveIntegrationAsync(draft);

        using var response = await new OAuthClient(host, acme.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/orders/7"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("order 7 for Acme");
    }

    /// <summary>
    /// An endpoint open to the host's admin cookie as well as to integrations (its own <c>[Authorize]</c> with the cookie
    /// scheme next to <c>RequireIntegrationResources</c>). A signed-in admin who sends no integration credentials is,
    /// for the integrations scheme, a caller without credentials: README's "no credentials, resource not open to
    /// guests" row, <c>WWW-Authenticate: OAuth realm="Integrations"</c>, not the <c>permission_denied</c> of an
    /// authenticated integration, and no sign-in/access-denied redirect target on a 401.
    /// </summary>
    [Fact]
    public async Task A_cookie_admin_without_integration_credentials_is_answered_as_a_caller_without_credentials_not_as_a_denied_integration()
    {
        await using var host = await KestrelHost.StartAsync(
            b => b.AddShopResources(),
            app =>
            {
                app.MapGet("/admin/sign-in", async (HttpContext c) =>
                {
                    await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignInAsync(
                        c,
                        CookieAuthenticationDefaults.AuthenticationScheme,
                        new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "admin")], "cookie")));
                    return "signed in";
                });
                app.MapGet("/rest/V1/orders", (HttpContext c) => "orders for " + (c.GetIntegration()?.Name ?? c.User.Identity?.Name))
                    .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme })
                    .RequireIntegrationResources(ShopEndpoints.Orders);
            },
            services => services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie());
        var acme = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.Custom, Resources = { ShopEndpoints.Orders } });
        using var signIn = await host.Client.GetAsync("admin/sign-in");
        var cookie = signIn.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, "rest/V1/orders");
        request.Headers.Add("Cookie", cookie);

        using var signed = await new OAuthClient(host, acme.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/orders"));
        using var admin = await host.Client.SendAsync(request);

        (await signed.Content.ReadAsStringAsync()).Should().Be("orders for Acme", "the integration is served on this endpoint");
        admin.Headers.Location.Should().BeNull("a 401 API answer carries no redirect target");
        await admin.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), "OAuth realm=\"Integrations\"");
    }

    /// <summary>
    /// The same endpoint open to the admin cookie and to integrations, with its conventions in the other order
    /// (<c>RequireIntegrationResources</c> first, then the cookie's <c>[Authorize]</c>; for controllers:
    /// <c>[IntegrationResource]</c> on the class and the cookie's <c>[Authorize]</c> on an action). Which scheme the
    /// policy names first must not change the answer: an unsigned call and an integration refused by the ACL still get
    /// Magento's 401, not a connection that breaks off mid-response (the integrations answer was written first, and the
    /// cookie scheme then failed to redirect a response that had already started).
    /// </summary>
    [Fact]
    public async Task An_endpoint_naming_the_integrations_scheme_before_the_cookie_still_answers_Magentos_401()
    {
        await using var host = await KestrelHost.StartAsync(
            b => b.AddShopResources(),
            app => app.MapGet("/rest/V1/orders", (HttpContext c) => "orders for " + (c.GetIntegration()?.Name ?? c.User.Identity?.Name))
                .RequireIntegrationResources(ShopEndpoints.Orders)
                .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme }),
            services => services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie());
        var acme = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.Custom, Resources = { ShopEndpoints.Products } });

        using var unsigned = await host.Client.GetAsync("rest/V1/orders");
        using var denied = await new OAuthClient(host, acme.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/orders"));

        unsigned.Headers.Location.Should().BeNull("a 401 API answer carries no redirect target");
        await unsigned.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), "OAuth realm=\"Integrations\"");
        await denied.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), "OAuth realm=\"Integrations\", oauth_problem=\"permission_denied\"");
    }
}
