using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Integrations.AspNetCore.Authentication;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Tests;

public sealed class BearerTokenTests
{
    private static readonly AuthorizationPolicy Authenticated =
        new AuthorizationPolicyBuilder(IntegrationsAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build();

    private static Task<KestrelHost> StartAsync(bool hostAllowsBearer) =>
        KestrelHost.StartAsync(
            b => b.UseAspNetCore(o => o.AllowBearerTokens = hostAllowsBearer),
            app => app.MapGet("/whoami", (HttpContext c) =>
                    $"{c.GetIntegration()!.Name}|{c.User.FindFirstValue(IntegrationsClaimTypes.IntegrationId)}|{c.User.FindFirstValue(IntegrationsClaimTypes.ConsumerKey)}|{c.User.FindFirstValue(ClaimTypes.AuthenticationMethod)}")
                .RequireAuthorization(Authenticated));

    private static Task<HttpResponseMessage> GetWithBearerAsync(KestrelHost host, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_bearer_token_allowed_by_the_host_and_the_integration_authenticates_the_integration()
    {
        await using var host = await StartAsync(hostAllowsBearer: true);
        var acme = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", BearerTokenAllowed = true });

        using var response = await GetWithBearerAsync(host, acme.Credentials.AccessToken!);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be($"Acme|{acme.Integration.Id:D}|{acme.Credentials.ConsumerKey}|Bearer");
    }

    [Fact]
    public async Task A_bearer_token_is_refused_as_token_rejected_when_the_host_switch_is_off()
    {
        await using var host = await StartAsync(hostAllowsBearer: false);
        var acme = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", BearerTokenAllowed = true });

        using var response = await GetWithBearerAsync(host, acme.Credentials.AccessToken!);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedWithoutResourcesJson(),
            "OAuth realm=\"Integrations\", oauth_problem=\"token_rejected\"");
    }

    [Fact]
    public async Task A_bearer_token_is_refused_when_the_integration_does_not_allow_it()
    {
        await using var host = await StartAsync(hostAllowsBearer: true);
        var acme = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", BearerTokenAllowed = false });

        using var response = await GetWithBearerAsync(host, acme.Credentials.AccessToken!);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedWithoutResourcesJson(),
            "OAuth realm=\"Integrations\", oauth_problem=\"token_rejected\"");
    }

    [Theory]
    [InlineData("0123456789abcdefghijklmnopqrstuv")]
    [InlineData("short")]
    [InlineData("0123456789ABCDEFGHIJKLMNOPQRSTUV")]
    public async Task An_unknown_or_malformed_bearer_token_is_refused(string token)
    {
        await using var host = await StartAsync(hostAllowsBearer: true);
        await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", BearerTokenAllowed = true });

        using var response = await GetWithBearerAsync(host, token);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedWithoutResourcesJson(),
            "OAuth realm=\"Integrations\", oauth_problem=\"token_rejected\"");
    }

    [Fact]
    public async Task A_consumer_key_or_secret_as_bearer_token_instead_of_the_access_token_is_refused()
    {
        await using var host = await StartAsync(hostAllowsBearer: true);
        var acme = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", BearerTokenAllowed = true });

        using var byKey = await GetWithBearerAsync(host, acme.Credentials.ConsumerKey);
        using var bySecret = await GetWithBearerAsync(host, acme.Credentials.AccessTokenSecret!);

        byKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        bySecret.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task After_reauthorize_the_old_bearer_token_is_refused_and_the_new_one_works()
    {
        await using var host = await StartAsync(hostAllowsBearer: true);
        var acme = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", BearerTokenAllowed = true });
        var renewed = await host.WithServiceAsync(s => s.ReauthorizeAsync(acme.Integration.Id));

        using var old = await GetWithBearerAsync(host, acme.Credentials.AccessToken!);
        using var current = await GetWithBearerAsync(host, renewed.Credentials.AccessToken!);

        old.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        current.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_request_without_credentials_is_challenged_without_a_problem()
    {
        await using var host = await StartAsync(hostAllowsBearer: true);

        using var response = await host.Client.GetAsync("whoami");

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedWithoutResourcesJson(), "OAuth realm=\"Integrations\"");
    }
}
