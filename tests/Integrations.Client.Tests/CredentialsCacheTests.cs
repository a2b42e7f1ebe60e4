using Integrations.Client.Connections;
using Integrations.Client.Onboarding;
using Integrations.Client.Signing;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Integrations.Client.Tests;

/// <summary>A stored connection's credentials are read and decrypted once per <see cref="IntegrationsClientOptions.CredentialsCacheLifetime"/>.</summary>
public sealed class CredentialsCacheTests : IAsyncDisposable
{
    private const string ConsumerKey = "cachedconsumerkey000000000000001";

    private readonly FakeTimeProvider _time = new();
    private readonly IIntegrationConnectionStore _store = Substitute.For<IIntegrationConnectionStore>();
    private readonly ServiceProvider _services;

    public CredentialsCacheTests()
    {
        _store.FindAsync(ConsumerKey, Arg.Any<CancellationToken>()).Returns(new IntegrationConnection
        {
            ConsumerKey = ConsumerKey,
            StoreBaseUrl = new Uri("https://shop.example.com/"),
            ProtectedConsumerSecret = "consumer-secret",
            ProtectedAccessToken = "access-token",
            ProtectedAccessTokenSecret = "access-token-secret",
            ConnectedAt = _time.GetUtcNow(),
            AuthorizedAt = _time.GetUtcNow(),
        });
        _services = new ServiceCollection().AddScoped(_ => _store).BuildServiceProvider();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task Credentials_are_read_again_only_once_the_lifetime_has_passed()
    {
        var provider = Provider(TimeSpan.FromMinutes(1));

        await SignAsync(provider);
        _time.Advance(TimeSpan.FromSeconds(59));
        await SignAsync(provider);
        Reads().Should().Be(1);

        _time.Advance(TimeSpan.FromSeconds(2));
        await SignAsync(provider);
        Reads().Should().Be(2);
    }

    [Fact]
    public async Task A_lifetime_of_TimeSpan_MaxValue_keeps_the_credentials_for_as_long_as_the_app_runs()
    {
        var provider = Provider(TimeSpan.MaxValue);

        await SignAsync(provider);
        _time.Advance(TimeSpan.FromDays(400));
        await SignAsync(provider);

        Reads().Should().Be(1);
    }

    private IntegrationConnectionCredentialsProvider Provider(TimeSpan lifetime)
    {
        var protector = Substitute.For<ISecretProtector>();
        protector.Unprotect(Arg.Any<string>()).Returns(call => "plain-" + call.Arg<string>());
        return new IntegrationConnectionCredentialsProvider(
            _services.GetRequiredService<IServiceScopeFactory>(),
            protector,
            _time,
            Options.Create(new IntegrationsClientOptions { CredentialsCacheLifetime = lifetime }));
    }

    private static async Task SignAsync(IntegrationConnectionCredentialsProvider provider)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://shop.example.com/rest/V1/products").ForConnection(ConsumerKey);
        var credentials = await provider.GetCredentialsAsync("shop", request, CancellationToken.None);
        credentials!.TokenSecret.Should().Be("plain-access-token-secret");
    }

    private int Reads() => _store.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IIntegrationConnectionStore.FindAsync));
}
