using Integrations.AspNetCore.Admin.Settings;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Admin.Tests;

/// <summary>The settings panel shows the options of the integrations scheme under the name the host registered it.</summary>
public sealed class AdminSettingsSchemeTests
{
    [Theory]
    [InlineData("Integrations")]
    [InlineData("ShopOAuth")]
    public async Task The_bearer_setting_shown_is_that_of_the_hosts_scheme(string scheme)
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseAdminPasswordVerifier<NoPassword>().UseAspNetCore(scheme, o => o.AllowBearerTokens = true);
        services.AddIntegrationsAdmin();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var settings = scope.ServiceProvider.GetRequiredService<AdminSettingsReader>().Read();

        settings.Fixed.Should().ContainSingle(s => s.Source == "IntegrationsAuthenticationOptions.AllowBearerTokens")
            .Which.Value.Should().Be("Yes");
    }

    private sealed class NoPassword : IAdminPasswordVerifier
    {
        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
