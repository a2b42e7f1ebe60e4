using Integrations.Client.Onboarding;
using Integrations.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Client.Tests;

/// <summary>An app whose receiver options cannot work does not start, and says why.</summary>
public sealed class ClientOptionsTests
{
    [Fact]
    public async Task An_app_that_names_no_shop_does_not_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddIntegrationsClient();
        builder.Services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        await using var app = builder.Build();

        var starting = () => app.StartAsync();

        (await starting.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("AllowedStoreBaseUrls is empty");
    }

    [Fact]
    public async Task An_expected_shop_that_is_not_a_web_url_and_a_tiny_body_limit_stop_the_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddIntegrationsClient(o =>
        {
            o.AllowedStoreBaseUrls.Add(new Uri("ftp://shop.example.com/"));
            o.MaxCallbackBodyBytes = 10;
        });
        builder.Services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        await using var app = builder.Build();

        var starting = () => app.StartAsync();

        (await starting.Should().ThrowAsync<OptionsValidationException>())
            .Which.Failures.Should().HaveCount(2).And.Contain(f => f.Contains("ftp://shop.example.com/")).And.Contain(f => f.Contains("MaxCallbackBodyBytes"));
    }
}
