using System.Net;
using System.Security.Claims;
using Integrations.AspNetCore.Authentication;
using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Tests;

/// <summary>The principal the handler builds, and the events a host uses to adjust or refuse it.</summary>
public sealed class AuthenticationEventsTests
{
    private const string WhoAmI = "rest/V1/whoami";

    [Fact]
    public async Task The_principal_carries_the_integrations_claims_under_the_scheme()
    {
        await using var host = await StartAsync(_ => { });
        var acme = await CreateAcmeAsync(host);

        var claims = await CallAsync(host, acme);

        claims.Should().Be(string.Join(
            "|",
            $"{IntegrationsAuthenticationDefaults.AuthenticationScheme}",
            $"{ClaimTypes.NameIdentifier}={acme.Integration.Id:D}",
            $"{ClaimTypes.Name}=Acme",
            $"{IntegrationsClaimTypes.IntegrationId}={acme.Integration.Id:D}",
            $"{IntegrationsClaimTypes.ConsumerKey}={acme.Credentials.ConsumerKey}",
            $"{ClaimTypes.AuthenticationMethod}={IntegrationsClaimTypes.OAuthMethod}"));
    }

    [Fact]
    public async Task A_validation_handler_adds_claims_to_the_principal_of_each_request()
    {
        await using var host = await StartAsync(events => events.OnIntegrationValidated = context =>
        {
            ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim("tenant", "eu-1"));
            return Task.CompletedTask;
        });
        var acme = await CreateAcmeAsync(host);

        var first = await CallAsync(host, acme);
        var second = await CallAsync(host, acme);

        first.Should().EndWith("|tenant=eu-1");
        second.Should().Be(first, "each request gets its own principal, so claims added to one never pile up on the next");
    }

    [Fact]
    public async Task A_validation_handler_that_fails_refuses_the_request()
    {
        await using var host = await StartAsync(events => events.OnIntegrationValidated = context =>
        {
            context.Fail("Acme is suspended by the shop.");
            return Task.CompletedTask;
        });
        var acme = await CreateAcmeAsync(host);

        using var response = await new OAuthClient(host, acme.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, WhoAmI));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_events_class_that_overrides_the_validation_event_is_raised()
    {
        await using var host = await StartAsync(_ => { }, typeof(TaggingEvents));
        var acme = await CreateAcmeAsync(host);

        var claims = await CallAsync(host, acme);

        claims.Should().EndWith("|tagged=by-events-type");
    }

    private static Task<KestrelHost> StartAsync(Action<IntegrationsAuthenticationEvents> configure, Type? eventsType = null) =>
        KestrelHost.StartAsync(
            b =>
            {
                b.AddShopResources();
                b.Services.Configure<IntegrationsAuthenticationOptions>(IntegrationsAuthenticationDefaults.AuthenticationScheme, o =>
                {
                    configure(o.Events);
                    o.EventsType = eventsType;
                });
                if (eventsType is not null)
                {
                    b.Services.AddSingleton(eventsType);
                }
            },
            app => app.MapGet("/" + WhoAmI, (HttpContext c) => string.Join(
                    "|",
                    c.User.Identities.Select(i => i.AuthenticationType).Concat(c.User.Claims.Select(claim => $"{claim.Type}={claim.Value}"))))
                .RequireIntegrationResources(ShopEndpoints.Products));

    private static async Task<ActivatedIntegration> CreateAcmeAsync(KestrelHost host)
    {
        var draft = new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(ShopEndpoints.Products);
        return await host.CreateActiveIntegrationAsync(draft);
    }

    private static async Task<string> CallAsync(KestrelHost host, ActivatedIntegration acme)
    {
        using var response = await new OAuthClient(host, acme.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, WhoAmI));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private sealed class TaggingEvents : IntegrationsAuthenticationEvents
    {
        public override Task IntegrationValidated(IntegrationValidatedContext context)
        {
            ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim("tagged", "by-events-type"));
            return Task.CompletedTask;
        }
    }
}
