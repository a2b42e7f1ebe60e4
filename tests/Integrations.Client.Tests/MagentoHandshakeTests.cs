using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Integrations.Client.Diagnostics;
using Integrations.Client.Errors;
using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Integrations.Client.Tests;

/// <summary>
/// The receiver and the signing handler complete Magento 2.4's handshake as its wire gives it (reference §3): the
/// exact credentials POST, the exact token answers, HMAC-SHA256, then a signed API call.
/// </summary>
public sealed class MagentoHandshakeTests : IAsyncLifetime
{
    private MagentoWire _magento = null!;
    private ReceiverApp _app = null!;

    public async Task InitializeAsync()
    {
        _magento = await MagentoWire.StartAsync();
        _app = await ReceiverApp.StartAsync(o =>
        {
            o.AllowedStoreBaseUrls.Add(_magento.Address);
            o.AllowInsecureStoreUrls = true;
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _magento.DisposeAsync();
    }

    [Fact]
    public async Task Magentos_credentials_post_and_token_answers_connect_and_the_api_call_is_signed_with_the_access_token()
    {
        _magento.CallbackBody().Should().Equal(System.Text.Encoding.ASCII.GetBytes(
            $"oauth_consumer_key=m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d&oauth_consumer_secret=p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7&store_base_url=http%3A%2F%2F127.0.0.1%3A{_magento.Address.Port}%2F&oauth_verifier=v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6"));

        (await _magento.PostCredentialsAsync(_app.CallbackUrl)).Should().Be(HttpStatusCode.OK);
        (await _app.NextEventAsync()).Kind.Should().Be(IntegrationConnectionEventKind.Received);
        var connected = await _app.NextEventAsync();

        connected.Kind.Should().Be(IntegrationConnectionEventKind.Connected, connected.Reason);
        connected.ConsumerKey.Should().Be(MagentoWire.ConsumerKey);
        connected.StoreBaseUrl.Should().Be(_magento.Address);
        _magento.Received.Should().Equal("POST /oauth/token/request", "POST /oauth/token/access");
        var connection = (await _app.ConnectionAsync(MagentoWire.ConsumerKey))!;
        var protector = _app.Services.GetRequiredService<ISecretProtector>();
        var access = _magento.Issued.Last();
        protector.Unprotect(connection.ProtectedAccessToken).Should().Be(access.Token);
        protector.Unprotect(connection.ProtectedAccessTokenSecret).Should().Be(access.Secret);
        protector.Unprotect(connection.ProtectedConsumerSecret).Should().Be(MagentoWire.ConsumerSecret);
        connection.ProtectedConsumerSecret.Should().NotContain(MagentoWire.ConsumerSecret);

        using var response = await _app.Services.GetRequiredService<ReceiverApp.ShopApi>().GetAsync(connection, "rest/V1/products?searchCriteria[pageSize]=20");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"items\":[{\"sku\":\"24-MB01\"}]}");
    }

    [Fact]
    public async Task Each_onboarding_event_is_counted_on_the_client_meter()
    {
        using var onboardings = new MetricCollector<long>(
            _app.Services.GetRequiredService<IMeterFactory>(), IntegrationsClientMetrics.MeterName, IntegrationsClientMetrics.Onboardings);

        await _magento.PostCredentialsAsync(_app.CallbackUrl);
        (await _app.NextOutcomeAsync()).Kind.Should().Be(IntegrationConnectionEventKind.Connected);
        await _magento.PostCredentialsAsync(_app.CallbackUrl);
        (await _app.NextOutcomeAsync()).Kind.Should().Be(IntegrationConnectionEventKind.Reauthorized);

        onboardings.GetMeasurementSnapshot().Select(m => m.Tags[IntegrationsClientMetrics.OutcomeTag])
            .Should().Equal("received", "connected", "received", "reauthorized");
    }

    [Fact]
    public async Task A_second_post_for_the_same_consumer_is_a_reauthorization_whose_new_token_signs_at_once()
    {
        await _magento.PostCredentialsAsync(_app.CallbackUrl);
        (await _app.NextOutcomeAsync()).Kind.Should().Be(IntegrationConnectionEventKind.Connected);
        var first = (await _app.ConnectionAsync(MagentoWire.ConsumerKey))!;
        var api = _app.Services.GetRequiredService<ReceiverApp.ShopApi>();
        (await api.GetAsync(first, "rest/V1/products")).StatusCode.Should().Be(HttpStatusCode.OK);

        await _magento.PostCredentialsAsync(_app.CallbackUrl);
        var reauthorized = await _app.NextOutcomeAsync();
        var second = (await _app.ConnectionAsync(MagentoWire.ConsumerKey))!;

        reauthorized.Kind.Should().Be(IntegrationConnectionEventKind.Reauthorized, reauthorized.Reason);
        second.ConnectedAt.Should().Be(first.ConnectedAt);
        second.ProtectedAccessToken.Should().NotBe(first.ProtectedAccessToken);
        (await api.GetAsync(second, "rest/V1/products")).StatusCode.Should().Be(HttpStatusCode.OK, "the credentials cached for the old token were replaced");
    }

    [Fact]
    public async Task A_refused_token_request_fails_the_connection_with_magentos_phrase()
    {
        _magento.NextRequestTokenAnswer = (401, "oauth_problem=Consumer+key+has+expired");

        await _magento.PostCredentialsAsync(_app.CallbackUrl);
        var failed = await _app.NextOutcomeAsync();

        failed.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
        failed.Reason.Should().Be("The shop refused the request (401): Consumer key has expired");
        failed.Exception.Should().BeOfType<OAuthRejectedException>().Which.Rejection.Phrase.Should().Be("Consumer key has expired");
        (await _app.ConnectionAsync(MagentoWire.ConsumerKey)).Should().BeNull();
    }

    [Fact]
    public async Task Signing_the_exchange_with_hmac_sha1_fails_with_magentos_400()
    {
        await using var sha1 = await ReceiverApp.StartAsync(o =>
        {
            o.AllowedStoreBaseUrls.Add(_magento.Address);
            o.AllowInsecureStoreUrls = true;
            o.SignatureMethod = Integrations.OAuth.OAuthSignatureMethod.HmacSha1;
        });

        await _magento.PostCredentialsAsync(sha1.CallbackUrl);
        var failed = await sha1.NextOutcomeAsync();

        failed.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
        failed.Reason.Should().Be("The shop refused the request (400): Signature method HMAC-SHA1 is not supported");
    }

    [Fact]
    public async Task Another_shop_posting_a_connected_consumer_key_does_not_take_over_that_connection()
    {
        // a service onboarding unknown shops (the sample's default); a second shop (here: another Magento answering the
        // exchange) posts the consumer key already connected to the first shop
        await using var other = await MagentoWire.StartAsync();
        await using var app = await ReceiverApp.StartAsync(o =>
        {
            o.AcceptAnyStore = true;
            o.AllowInsecureStoreUrls = true;
        });
        await _magento.PostCredentialsAsync(app.CallbackUrl);
        (await app.NextOutcomeAsync()).Kind.Should().Be(IntegrationConnectionEventKind.Connected);

        await other.PostCredentialsAsync(app.CallbackUrl);
        var second = await app.NextOutcomeAsync();

        second.Kind.Should().NotBe(IntegrationConnectionEventKind.Reauthorized, "a reauthorization comes from the shop that issued the consumer key, not from {0}", other.Address);
        (await app.ConnectionAsync(MagentoWire.ConsumerKey))!.StoreBaseUrl.Should().Be(_magento.Address, "the first shop's connection must not be redirected to another shop's URL");
    }

    [Fact]
    public async Task Every_observer_hears_received_before_connected()
    {
        var heard = new ConcurrentQueue<IntegrationConnectionEventKind>();
        await using var app = await ReceiverApp.StartAsync(
            o =>
            {
                o.AllowedStoreBaseUrls.Add(_magento.Address);
                o.AllowInsecureStoreUrls = true;
            },
            services =>
            {
                // an observer that takes a moment over "received" (a database write), then one that records the order
                services.AddSingleton<IIntegrationConnectionObserver>(new DelegateObserver(async e =>
                {
                    if (e.Kind == IntegrationConnectionEventKind.Received)
                    {
                        await Task.Delay(500);
                    }
                }));
                services.AddSingleton<IIntegrationConnectionObserver>(new DelegateObserver(e =>
                {
                    heard.Enqueue(e.Kind);
                    return Task.CompletedTask;
                }));
            });

        (await _magento.PostCredentialsAsync(app.CallbackUrl)).Should().Be(HttpStatusCode.OK);
        await Task.Delay(1500);

        heard.Should().Equal([IntegrationConnectionEventKind.Received, IntegrationConnectionEventKind.Connected], "Received is documented as followed by the connected, reauthorized or failed event");
    }

    private sealed class DelegateObserver(Func<IntegrationConnectionEvent, Task> handle) : IIntegrationConnectionObserver
    {
        public Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken) => handle(connectionEvent);
    }
}
