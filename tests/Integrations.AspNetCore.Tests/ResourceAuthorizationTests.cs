using System.Net;
using System.Net.Http.Headers;
using Integrations.Acl;
using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Tests;

/// <summary>
/// <c>RequireIntegrationResources</c> decided by Core's ACL. Callers authenticate with Bearer access tokens here (the
/// OAuth-signed paths are covered by the signed-request tests); the ACL applies to both the same way.
/// </summary>
public sealed class ResourceAuthorizationTests
{
    private const string DeniedChallenge = "OAuth realm=\"Integrations\", oauth_problem=\"permission_denied\"";

    private static Task<KestrelHost> StartAsync(bool guestAccess = false) =>
        KestrelHost.StartAsync(
            b => b.AddShopResources()
                .ConfigureAcl(o => o.AllowAnonymousGuestAccess = guestAccess)
                .UseAspNetCore(o => o.AllowBearerTokens = true),
            ShopEndpoints.Map);

    private static IntegrationDraft Draft(string name, params string[] resources)
    {
        var draft = new IntegrationDraft { Name = name, BearerTokenAllowed = true, ResourceAccess = ResourceAccess.Custom };
        foreach (var resource in resources)
        {
            draft.Resources.Add(resource);
        }

        return draft;
    }

    private static Task<HttpResponseMessage> GetAsync(KestrelHost host, string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return host.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_granted_resource_is_served()
    {
        await using var host = await StartAsync();
        var acme = await host.CreateActiveIntegrationAsync(Draft("Acme", ShopEndpoints.Products));

        using var response = await GetAsync(host, "rest/V1/products", acme.Credentials.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("products for Acme");
    }

    [Fact]
    public async Task A_resource_not_granted_is_Magentos_not_authorized_with_permission_denied()
    {
        await using var host = await StartAsync();
        var acme = await host.CreateActiveIntegrationAsync(Draft("Acme", ShopEndpoints.Products));

        using var response = await GetAsync(host, "rest/V1/orders", acme.Credentials.AccessToken);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), DeniedChallenge);
    }

    [Fact]
    public async Task Of_several_resources_all_must_be_granted_and_all_are_named()
    {
        await using var host = await StartAsync();
        var acme = await host.CreateActiveIntegrationAsync(Draft("Acme", ShopEndpoints.Products));

        using var response = await GetAsync(host, "rest/V1/catalog", acme.Credentials.AccessToken);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized,
            ResponseAssertions.NotAuthorizedJson($"{ShopEndpoints.Products}, {ShopEndpoints.Categories}"), DeniedChallenge);
    }

    [Fact]
    public async Task Resource_access_all_reaches_every_resource()
    {
        await using var host = await StartAsync();
        var all = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "All", BearerTokenAllowed = true, ResourceAccess = ResourceAccess.All });

        using var orders = await GetAsync(host, "rest/V1/orders", all.Credentials.AccessToken);
        using var catalog = await GetAsync(host, "rest/V1/catalog", all.Credentials.AccessToken);

        orders.StatusCode.Should().Be(HttpStatusCode.OK);
        catalog.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_grant_change_applies_to_the_next_request()
    {
        await using var host = await StartAsync();
        var acme = await host.CreateActiveIntegrationAsync(Draft("Acme", ShopEndpoints.Products));
        using var before = await GetAsync(host, "rest/V1/orders", acme.Credentials.AccessToken);

        await host.WithServiceAsync(s => s.UpdateAsync(acme.Integration.Id, Draft("Acme", ShopEndpoints.Products, ShopEndpoints.Orders), TestAdminPasswordVerifier.Admin));
        using var after = await GetAsync(host, "rest/V1/orders", acme.Credentials.AccessToken);

        before.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        (await after.Content.ReadAsStringAsync()).Should().Be("orders for Acme");
    }

    [Fact]
    public async Task A_guest_reaches_a_guest_eligible_resource_when_the_guest_option_is_on()
    {
        await using var host = await StartAsync(guestAccess: true);

        using var response = await GetAsync(host, "rest/V1/products", token: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("products for guest");
    }

    [Fact]
    public async Task A_guest_is_not_authorized_without_a_problem_code_when_the_guest_option_is_off()
    {
        await using var host = await StartAsync(guestAccess: false);

        using var response = await GetAsync(host, "rest/V1/products", token: null);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Products), "OAuth realm=\"Integrations\"");
    }

    [Fact]
    public async Task A_guest_still_cannot_reach_resources_that_are_not_guest_eligible_when_the_guest_option_is_on()
    {
        await using var host = await StartAsync(guestAccess: true);

        using var orders = await GetAsync(host, "rest/V1/orders", token: null);
        using var catalog = await GetAsync(host, "rest/V1/catalog", token: null);

        await orders.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), "OAuth realm=\"Integrations\"");
        catalog.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_refused_bearer_token_on_a_guest_endpoint_names_the_resource_and_the_token_problem_whatever_the_guest_option(bool guestAccess)
    {
        await using var host = await StartAsync(guestAccess);

        using var response = await GetAsync(host, "rest/V1/products", "0123456789abcdefghijklmnopqrstuv");

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Products),
            "OAuth realm=\"Integrations\", oauth_problem=\"token_rejected\"");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refusal_by_another_requirement_of_the_endpoint_still_names_the_endpoints_resources(bool invokeHandlersAfterFailure)
    {
        await using var host = await KestrelHost.StartAsync(
            b => b.AddShopResources().UseAspNetCore(o => o.AllowBearerTokens = true),
            app => app.MapGet("/rest/V1/audited", () => "audited")
                .RequireAuthorization(p => p.RequireAssertion(_ => false)) // the host's own requirement, which refuses
                .RequireIntegrationResources(ShopEndpoints.Products),
            services => services.AddAuthorization(o => o.InvokeHandlersAfterFailure = invokeHandlersAfterFailure));
        var acme = await host.CreateActiveIntegrationAsync(Draft("Acme", ShopEndpoints.Products));

        using var response = await GetAsync(host, "rest/V1/audited", acme.Credentials.AccessToken);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Products), DeniedChallenge);
    }
}
