using Integrations.AspNetCore.Authentication;
using Integrations.Storage.InMemory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task UseAspNetCore_called_twice_registers_one_scheme_and_applies_every_configuration()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores()
            .UseAspNetCore(o => o.Realm = "Shop")
            .UseAspNetCore(o => o.AllowBearerTokens = true);
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var schemes = await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        schemes.Select(s => s.Name).Should().Equal(IntegrationsAuthenticationDefaults.AuthenticationScheme);
        var options = provider.GetRequiredService<IOptionsMonitor<IntegrationsAuthenticationOptions>>().Get(IntegrationsAuthenticationDefaults.AuthenticationScheme);
        options.Realm.Should().Be("Shop");
        options.AllowBearerTokens.Should().BeTrue();
        provider.GetServices<IAuthorizationHandler>().GroupBy(h => h.GetType()).Should().OnlyContain(g => g.Count() == 1);
    }

    [Fact]
    public void UseAspNetCore_defaults_to_no_bearer_tokens_and_the_default_realm()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores().UseAspNetCore();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<IntegrationsAuthenticationOptions>>().Get(IntegrationsAuthenticationDefaults.AuthenticationScheme);

        options.AllowBearerTokens.Should().BeFalse();
        options.Realm.Should().Be("Integrations");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Sh\"op")]
    [InlineData("line\nbreak")]
    public void An_invalid_realm_is_refused_when_the_options_are_read(string realm)
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores().UseAspNetCore(o => o.Realm = realm);
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptionsMonitor<IntegrationsAuthenticationOptions>>().Get(IntegrationsAuthenticationDefaults.AuthenticationScheme);

        read.Should().Throw<ArgumentException>().WithMessage("*Realm*");
    }
}
