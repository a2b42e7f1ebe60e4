using Integrations.Client.Connections;
using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;
using Integrations.Security;
using Integrations.Storage.Specification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    [Fact]
    public async Task A_refused_access_token_request_does_not_put_the_verifier_or_the_request_token_in_the_log_or_the_event()
    {
        const string RequestToken = "r1q2t3o4k5e6n7r8q9t0o1k2e3n4r5q6";
        // a shop with its diagnostics on, behind a proxy (it verifies against its public https URL): it answers the
        // access token request 401 signature_invalid with the base string it computed, as the library's shop does
        var shop = LoopbackApp.CreateBuilder().Build();
        shop.MapPost("/oauth/token/request", () => Results.Text($"oauth_token={RequestToken}&oauth_token_secret=requesttokensecret", "application/x-www-form-urlencoded"));
        shop.MapPost("/oauth/token/access", (HttpContext c) =>
        {
            var seen = new Integrations.OAuth.OAuthWireRequest { Method = "POST", Url = "https://shop.example.com/oauth/token/access", Authorization = c.Request.Headers.Authorization.ToString() };
            new Integrations.OAuth.OAuthSigner().TryCreateSignatureBase(seen, out var signatureBase, out _).Should().BeTrue();
            c.Response.Headers.WWWAuthenticate = "OAuth realm=\"shop\", oauth_problem=\"signature_invalid\"";
            return Results.Text(
                "oauth_problem=" + Uri.EscapeDataString("The signature is invalid. Verify and try again.") + "&oauth_signature_base_string=" + Uri.EscapeDataString(signatureBase!.BaseString),
                "application/x-www-form-urlencoded",
                statusCode: 401);
        });
        await shop.StartAsync();
        await using var disposeShop = shop;
        var logs = new CapturedLogs();
        var events = new List<IntegrationConnectionEvent>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
        services.AddIntegrationsClient(o =>
        {
            o.AllowedStoreBaseUrls.Add(LoopbackApp.AddressOf(shop));
            o.AllowInsecureStoreUrls = true;
        });
        services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        services.AddSingleton<IIntegrationConnectionObserver>(new RecordingObserver(events));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TokenExchangeWorker>().RunAsync(new ReceivedCredentials(Key, Secret, LoopbackApp.AddressOf(shop), Verifier), CancellationToken.None);

        var failed = events.Should().ContainSingle().Which;
        failed.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
        failed.Reason.Should().Contain("signature_invalid");
        // the verifier and the request token are secrets of the handshake (decision 5): the reason is logged (event
        // 8004), given to every observer and shown by ToString()
        logs.Entries.Should().NotContain(e => e.Text.Contains(Verifier, StringComparison.Ordinal) || e.Text.Contains(RequestToken, StringComparison.Ordinal), "no secret reaches a log");
        failed.Reason.Should().NotContain(Verifier).And.NotContain(RequestToken);
        failed.ToString().Should().NotContain(Verifier).And.NotContain(RequestToken);
        failed.Exception!.Message.Should().NotContain(Verifier).And.NotContain(RequestToken);
    }

    [Fact]
    public async Task An_exchange_refused_by_the_apps_proxy_does_not_log_the_proxy_password()
    {
        // the app reaches the shops through its outbound proxy, whose credentials are in the proxy URL's user info
        using var proxy = RefusingProxy.Start();
        var shop = new Uri("https://shop.example/");
        var logs = new CapturedLogs();
        var events = new List<IntegrationConnectionEvent>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddIntegrationsClient(o => o.AllowedStoreBaseUrls.Add(shop));
        services.AddHttpClient(IntegrationTokenExchanger.HttpClientName).ConfigurePrimaryHttpMessageHandler(proxy.Handler);
        services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        services.AddSingleton<IIntegrationConnectionObserver>(new RecordingObserver(events));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TokenExchangeWorker>().RunAsync(new ReceivedCredentials(Key, Secret, shop, Verifier), CancellationToken.None);
        await proxy.Served;

        var failed = events.Should().ContainSingle().Which;
        failed.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
        logs.Entries.Where(e => e.Category.StartsWith("Integrations", StringComparison.Ordinal)).Should().NotContain(e => e.Message.Contains(RefusingProxy.Password, StringComparison.Ordinal), "a password in a URL's user info is a secret (decision 5)");
        failed.Reason.Should().NotContain(RefusingProxy.Password);
    }

    [Fact]
    public async Task Credentials_accepted_but_not_yet_exchanged_when_the_app_stops_are_reported_to_the_observers()
    {
        // a shop that is slow to answer the request token call: the app stops meanwhile (a deploy)
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var shop = LoopbackApp.CreateBuilder().Build();
        shop.MapPost("/oauth/token/request", async (HttpContext c) =>
        {
            called.TrySetResult();
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
        });
        await shop.StartAsync();
        await using var disposeShop = shop;
        var address = LoopbackApp.AddressOf(shop);
        var app = await ReceiverApp.StartAsync(o =>
        {
            o.AllowedStoreBaseUrls.Add(address);
            o.AllowInsecureStoreUrls = true;
        });
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent([new("oauth_consumer_key", Key), new("oauth_consumer_secret", Secret), new("store_base_url", address.AbsoluteUri), new("oauth_verifier", Verifier)]);
        using var answer = await http.PostAsync(app.CallbackUrl, form);
        answer.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the receiver told the shop it has the credentials");
        (await app.NextEventAsync()).Kind.Should().Be(IntegrationConnectionEventKind.Received);
        await called.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await app.DisposeAsync();

        IntegrationConnectionEvent? outcome = null;
        try
        {
            outcome = await app.NextEventAsync();
        }
        catch (OperationCanceledException)
        {
        }

        outcome.Should().NotBeNull("'Received' promises that a connected, reauthorized or failed event follows; the credentials (and their one-time verifier) were dropped silently");
        outcome!.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
    }

    [Fact]
    public async Task A_slow_connection_store_is_not_reported_as_a_shop_that_did_not_answer_and_the_issued_token_is_kept()
    {
        // the shop answers both token calls at once; the app's database takes 2 s to save (ExchangeTimeout is 1 s)
        await using var shop = await StartShopAsync(c => c.Response.WriteAsync("oauth_token=requesttoken&oauth_token_secret=requestsecret"));
        var address = LoopbackApp.AddressOf(shop);
        var events = new List<IntegrationConnectionEvent>();
        var store = new SlowStore(TimeSpan.FromSeconds(2));
        var services = new ServiceCollection();
        services.AddSingleton<IIntegrationConnectionStore>(store);
        services.AddIntegrationsClient(o =>
        {
            o.AllowedStoreBaseUrls.Add(address);
            o.AllowInsecureStoreUrls = true;
            o.ExchangeTimeout = o.ExchangeAttemptTimeout = TimeSpan.FromSeconds(1);
        });
        services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        services.AddSingleton<IIntegrationConnectionObserver>(new RecordingObserver(events));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TokenExchangeWorker>().RunAsync(new ReceivedCredentials(Key, Secret, address, Verifier), CancellationToken.None);

        // it failed with "The shop did not answer the token exchange within 1 s.": the save ran under the exchange's timeout
        var outcome = events.Should().ContainSingle().Which;
        outcome.Kind.Should().Be(IntegrationConnectionEventKind.Connected, outcome.Reason);
    }

    private sealed class SlowStore(TimeSpan delay) : IIntegrationConnectionStore
    {
        private readonly InMemoryIntegrationConnectionStore _inner = new();

        public ValueTask<IntegrationConnection?> FindAsync(string consumerKey, CancellationToken cancellationToken) => _inner.FindAsync(consumerKey, cancellationToken);

        public ValueTask<IReadOnlyList<IntegrationConnection>> ListAsync(CancellationToken cancellationToken) => _inner.ListAsync(cancellationToken);

        public async ValueTask SaveAsync(IntegrationConnection connection, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            await _inner.SaveAsync(connection, cancellationToken);
        }

        public ValueTask<bool> DeleteAsync(string consumerKey, CancellationToken cancellationToken) => _inner.DeleteAsync(consumerKey, cancellationToken);
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
