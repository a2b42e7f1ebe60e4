using Integrations.OAuth;
using Integrations.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.OAuth;

public class OAuthRegistrationTests
{
    [Fact]
    public void AddIntegrations_registers_the_signer_and_default_options()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOAuthSigner>().Should().BeOfType<OAuthSigner>();
        var options = provider.GetRequiredService<IOptions<OAuthOptions>>().Value;
        options.TimestampWindow.Should().Be(TimeSpan.FromSeconds(600));
        options.IncludeBaseStringInProblems.Should().BeFalse();
        options.AllowHmacSha1.Should().BeTrue();
        options.AllowHmacSha256.Should().BeTrue();
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores();
        services.Configure<OAuthOptions>(o =>
        {
            o.AllowHmacSha1 = false;
            o.AllowHmacSha256 = false;
            o.PublicBaseUrl = new Uri("https://shop.example.com/?tenant=1");
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<OAuthOptions>>().Value;

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().HaveCount(2);
    }
}
