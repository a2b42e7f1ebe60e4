using System.Net;
using Integrations.AspNetCore.Authentication;
using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Storage.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Tests;

/// <summary>A realm the options accept must be one the server can send in its <c>WWW-Authenticate</c> header.</summary>
public sealed class RealmTests
{
    [Theory]
    [InlineData("Boutique Élan")] // non-ASCII: Kestrel refuses it in a response header
    [InlineData("Shop\u007f")] // DEL: a control character the option check (\0-\x1f only) lets through
    public async Task A_realm_the_options_accept_is_sent_in_the_401_challenge_rather_than_failing_every_refusal(string realm)
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores().UseAspNetCore(o => o.Realm = realm);
        await using (var provider = services.BuildServiceProvider())
        {
            try
            {
                _ = provider.GetRequiredService<IOptionsMonitor<IntegrationsAuthenticationOptions>>().Get(IntegrationsAuthenticationDefaults.AuthenticationScheme);
            }
            catch (ArgumentException)
            {
                return; // refused when the options are read, like a realm with a quote: a fix too
            }
        }

        await using var host = await KestrelHost.StartAsync(
            b => b.AddShopResources().UseAspNetCore(o => o.Realm = realm),
            app => app.MapGet("/rest/V1/products", () => "ok").RequireIntegrationResources(ShopEndpoints.Products));

        using var response = await host.Client.GetAsync(new Uri("rest/V1/products", UriKind.Relative));

        // accepted at start, then every refusal of the host failed with a 500: Kestrel throws on the challenge header
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
