using Integrations.Activation;
using Integrations.OAuth;
using Integrations.Storage.InMemory;
using Integrations.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.DependencyInjection;

public sealed class ConfigureOptionsTests
{
    [Fact]
    public void ConfigureOAuth_sets_every_OAuth_setting_in_one_call()
    {
        using var provider = Build(b => b.ConfigureOAuth(o =>
        {
            o.AllowHmacSha1 = false;
            o.TimestampWindow = TimeSpan.FromMinutes(2);
            o.NonceMinLength = 16;
        }));

        var options = provider.GetRequiredService<IOptions<OAuthOptions>>().Value;

        options.AllowHmacSha1.Should().BeFalse();
        options.AllowHmacSha256.Should().BeTrue();
        options.TimestampWindow.Should().Be(TimeSpan.FromMinutes(2));
        options.NonceMinLength.Should().Be(16);
    }

    [Fact]
    public void ConfigureOAuth_binds_a_configuration_section_the_validator_reads()
    {
        var configuration = Configuration(new()
        {
            ["OAuth:AllowHmacSha1"] = "false",
            ["OAuth:TimestampWindow"] = "00:02:00",
            ["OAuth:NonceMaxLength"] = "40",
            ["OAuth:PublicBaseUrl"] = "https://shop.example/store/",
        });
        using var provider = Build(b => b.ConfigureOAuth(configuration.GetSection("OAuth")));
        var options = provider.GetRequiredService<IOptions<OAuthOptions>>().Value;

        options.AllowHmacSha1.Should().BeFalse();
        options.TimestampWindow.Should().Be(TimeSpan.FromMinutes(2));
        options.NonceMaxLength.Should().Be(40);
        options.PublicBaseUrl.Should().Be(new Uri("https://shop.example/store/"));
    }

    [Theory]
    [InlineData("OAuth:TrustForwardedHeaders", "true", "TrustForwardedHeaders")]
    [InlineData("OAuth:TimestampWindw", "00:02:00", "TimestampWindw")]
    [InlineData("Storage:OperationTimeot", "00:00:05", "OperationTimeot")]
    public void A_setting_the_options_do_not_have_stops_the_start_and_is_named(string key, string value, string named)
    {
        var configuration = Configuration(new() { ["Integrations:" + key] = value });
        using var provider = Build(b => b.Configure(configuration.GetSection("Integrations")));

        var resolve = () => provider.GetRequiredService<IOptions<OAuthOptions>>().Value.TimestampWindow
            + provider.GetRequiredService<IOptions<StorageOptions>>().Value.OperationTimeout;

        resolve.Should().Throw<InvalidOperationException>().WithMessage($"*{named}*");
    }

    [Fact]
    public void Configure_binds_the_library_section_and_its_subsections()
    {
        var configuration = Configuration(new()
        {
            ["Integrations:TokenExchangeWindow"] = "00:01:00",
            ["Integrations:OAuth:NonceMinLength"] = "12",
            ["Integrations:Activation:StoreBaseUrl"] = "https://shop.example/",
            ["Integrations:Activation:CallbackTimeout"] = "00:00:03",
            ["Integrations:Storage:RetryAfter"] = "00:00:09",
        });
        using var provider = Build(b => b.Configure(configuration.GetSection("Integrations")));

        provider.GetRequiredService<IOptions<IntegrationsOptions>>().Value.TokenExchangeWindow.Should().Be(TimeSpan.FromMinutes(1));
        provider.GetRequiredService<IOptions<OAuthOptions>>().Value.NonceMinLength.Should().Be(12);
        var activation = provider.GetRequiredService<IOptions<ActivationOptions>>().Value;
        activation.StoreBaseUrl.Should().Be(new Uri("https://shop.example/"));
        activation.CallbackTimeout.Should().Be(TimeSpan.FromSeconds(3));
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.RetryAfter.Should().Be(TimeSpan.FromSeconds(9));
    }

    [Theory]
    [InlineData("TimestampWindow", "2.00:00:00", "*OAuthOptions.TimestampWindow*")]
    [InlineData("KeyCacheLifetime", "-00:00:01", "*OAuthOptions.KeyCacheLifetime*")]
    [InlineData("MaxFormBodyLength", "100", "*OAuthOptions.MaxFormBodyLength*")]
    [InlineData("NonceMaxLength", "256", "*OAuthOptions.NonceMaxLength*")]
    [InlineData("NonceMinLength", "65", "*NonceMinLength must not exceed NonceMaxLength*")]
    public void Out_of_range_bound_values_are_refused_at_start_up(string key, string value, string message)
    {
        var configuration = Configuration(new() { [$"OAuth:{key}"] = value });
        using var provider = Build(b => b.ConfigureOAuth(configuration.GetSection("OAuth")));

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>().WithMessage(message);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(30, 10)]
    public void A_callback_timeout_not_shorter_than_the_token_exchange_window_stops_the_start(int callbackSeconds, int windowSeconds)
    {
        using var provider = Build(b => b
            .ConfigureActivation(o => o.CallbackTimeout = TimeSpan.FromSeconds(callbackSeconds))
            .Configure(o => o.TokenExchangeWindow = TimeSpan.FromSeconds(windowSeconds)));

        var start = () => provider.GetRequiredService<IStartupValidator>().Validate();

        start.Should().Throw<OptionsValidationException>()
            .WithMessage($"ActivationOptions.CallbackTimeout ({callbackSeconds} s) must be shorter than IntegrationsOptions.TokenExchangeWindow ({windowSeconds} s)*");
    }

    [Fact]
    public void Range_and_cross_field_failures_are_reported_together()
    {
        using var provider = Build(b => b
            .ConfigureOAuth(o =>
            {
                o.TimestampWindow = TimeSpan.Zero;
                o.AllowHmacSha1 = false;
                o.AllowHmacSha256 = false;
            })
            .ConfigureActivation(o =>
            {
                o.CallbackTimeout = TimeSpan.FromMinutes(10);
                o.StoreBaseUrl = new Uri("ftp://shop.example/");
            })
            .ConfigureStorage(o =>
            {
                o.MaxNonceBatchSize = 0;
                o.RetryAfter = TimeSpan.FromMilliseconds(1500);
            }));

        provider.Invoking(p => p.GetRequiredService<IOptions<OAuthOptions>>().Value)
            .Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(2);
        provider.Invoking(p => p.GetRequiredService<IOptions<ActivationOptions>>().Value)
            .Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(3, "the range, the exchange window and the URL");
        provider.Invoking(p => p.GetRequiredService<IOptions<StorageOptions>>().Value)
            .Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(2);
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Build(Action<IntegrationsBuilder> configure)
    {
        var services = new ServiceCollection();
        configure(services.AddIntegrations().UseInMemoryStores());
        return services.BuildServiceProvider();
    }
}
