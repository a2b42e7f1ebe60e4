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

    [Theory]
    [InlineData(0.001, 30)] // one call shorter than any timeout the resilience pipeline takes
    [InlineData(10, 90_000)] // an exchange longer than a day
    [InlineData(10, double.PositiveInfinity)] // TimeSpan.MaxValue, beyond what the exchange's timer holds
    [InlineData(90_000, 90_000)]
    public async Task Exchange_timeouts_outside_10_ms_to_a_day_stop_the_start(double attemptSeconds, double exchangeSeconds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddIntegrationsClient(o =>
        {
            o.AllowedStoreBaseUrls.Add(new Uri("https://shop.example.com/"));
            o.ExchangeAttemptTimeout = TimeSpan.FromSeconds(attemptSeconds);
            o.ExchangeTimeout = double.IsPositiveInfinity(exchangeSeconds) ? TimeSpan.MaxValue : TimeSpan.FromSeconds(exchangeSeconds);
        });
        builder.Services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        await using var app = builder.Build();

        var starting = () => app.StartAsync();

        (await starting.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("ExchangeAttemptTimeout must be from 10 ms to 1 day and ExchangeTimeout at least as long, at most 1 day");
    }
}
