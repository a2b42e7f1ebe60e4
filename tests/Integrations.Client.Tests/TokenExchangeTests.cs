using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;
using Integrations.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Tests;

/// <summary>The token exchange against shops that answer slowly or with garbage, run by the worker itself.</summary>
public sealed class TokenExchangeTests
{
    private const string Key = "m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d";
    private const string Secret = "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7";
    private const string Verifier = "v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6";

    [Fact]
    public async Task The_exchange_client_leaves_its_timeouts_to_the_exchange_options()
    {
        var services = new ServiceCollection();
        services.AddIntegrationsClient(o => o.AcceptAnyStore = true);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationTokenExchanger.HttpClientName);

        client.Timeout.Should().Be(Timeout.InfiniteTimeSpan, "HttpClient's default of 100 s cut every ExchangeAttemptTimeout above it (up to a day is allowed), and its failure named the option's time");
    }

    [Fact]
    public async Task A_shop_answering_an_endless_body_is_refused_once_the_body_is_longer_than_a_token_answer_can_be()
    {
        // 200 OK, then garbage without end (64 KB every 100 ms): a token answer is at most 4 KB
        await using var shop = await StartShopAsync(async c =>
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            while (!c.RequestAborted.IsCancellationRequested)
            {
                await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                await Task.Delay(100, c.RequestAborted);
            }
        });

        var events = await ExchangeAsync(LoopbackApp.AddressOf(shop), o => o.ExchangeAttemptTimeout = o.ExchangeTimeout = TimeSpan.FromSeconds(20));

        var failed = events.Should().ContainSingle().Which;
        failed.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
        failed.Reason.Should().StartWith("The shop answered 200", "the answer is refused once it is known to be too long (it was read, into memory, until the exchange timed out)");
    }

    private static async Task<WebApplication> StartShopAsync(RequestDelegate requestToken)
    {
        var shop = LoopbackApp.CreateBuilder().Build();
        shop.MapPost("/oauth/token/request", requestToken);
        shop.MapPost("/oauth/token/access", () => Results.Text("oauth_token=accesstoken&oauth_token_secret=accesssecret", "application/x-www-form-urlencoded"));
        await shop.StartAsync();
        return shop;
    }

    private static async Task<List<IntegrationConnectionEvent>> ExchangeAsync(Uri shop, Action<IntegrationsClientOptions> configure)
    {
        var events = new List<IntegrationConnectionEvent>();
        var services = new ServiceCollection();
        services.AddIntegrationsClient(o =>
        {
            o.AllowedStoreBaseUrls.Add(shop);
            o.AllowInsecureStoreUrls = true;
            configure(o);
        });
        services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        services.AddSingleton<IIntegrationConnectionObserver>(new RecordingObserver(events));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<TokenExchangeWorker>().RunAsync(new ReceivedCredentials(Key, Secret, shop, Verifier), CancellationToken.None);
        return events;
    }

    private sealed class RecordingObserver(List<IntegrationConnectionEvent> events) : IIntegrationConnectionObserver
    {
        public Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken)
        {
            events.Add(connectionEvent);
            return Task.CompletedTask;
        }
    }
}
