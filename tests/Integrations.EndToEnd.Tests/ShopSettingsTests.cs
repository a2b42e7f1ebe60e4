namespace Integrations.EndToEnd.Tests;

/// <summary>The shop's configuration reaches the library, and the admin's settings panel shows it read-only with its source.</summary>
public sealed class ShopSettingsTests : IAsyncLifetime
{
    private readonly ShopHost shop = ShopHost.WithSettings(
        "--Integrations:OAuth:AllowHmacSha1", "false",
        "--Integrations:TokenExchangeWindow", "00:02:00",
        "--Integrations:Authentication:AllowBearerTokens", "true",
        "--Integrations:Declared:erp:Name", "Declared ERP",
        "--Integrations:Declared:erp:ResourceAccess", "All");

    public Task InitializeAsync() => shop.InitializeAsync();

    public Task DisposeAsync() => shop.DisposeAsync();

    [Fact]
    public async Task Options_set_in_configuration_are_applied_and_shown_read_only_with_the_option_that_sets_them()
    {
        using var admin = await AdminClient.SignInAsync(shop.Address);

        var settings = await admin.FixedSettingsAsync();

        settings.Should().Contain(("Allowed signature methods", "HMAC-SHA256", "OAuthOptions.AllowHmacSha1, OAuthOptions.AllowHmacSha256"));
        settings.Should().Contain(("Token exchange window", "00:02:00", "IntegrationsOptions.TokenExchangeWindow"));
        settings.Should().Contain(("Access tokens usable as standalone Bearer tokens", "Yes", "IntegrationsAuthenticationOptions.AllowBearerTokens"));
        (await admin.StatusAsync("Declared ERP")).Should().Be("Inactive", "the integration declared in configuration is created at start");
    }
}
