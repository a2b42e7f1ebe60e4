using System.Net;
using System.Text;
using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;

namespace Integrations.Client.Tests;

/// <summary>What the receiver refuses, on the wire, and that each refusal is reported as a failed connection with its reason.</summary>
public sealed class CallbackReceiverTests : IAsyncLifetime
{
    private const string Key = "m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d";
    private ReceiverApp _app = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _app = await ReceiverApp.StartAsync(o =>
    {
        o.AllowedStoreBaseUrls.Add(new Uri("https://shop.example.com/store"));
        o.AllowedStoreBaseUrls.Add(new Uri("https://127.0.0.1:9/store"));
        o.MaxCallbackBodyBytes = 512;
    });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body, IntegrationConnectionEvent Event)> PostAsync(string body, string contentType = "application/x-www-form-urlencoded")
    {
        using var content = new StringContent(body, Encoding.ASCII);
        content.Headers.ContentType = new(contentType);
        using var response = await _http.PostAsync(_app.CallbackUrl, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), await _app.NextOutcomeAsync());
    }

    private static string Form(string storeBaseUrl = "https%3A%2F%2Fshop.example.com%2Fstore%2F", string extra = "") =>
        $"oauth_consumer_key={Key}&oauth_consumer_secret=p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7&store_base_url={storeBaseUrl}&oauth_verifier=v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6{extra}";

    [Fact]
    public async Task A_shop_that_is_not_expected_is_refused()
    {
        var (status, body, refused) = await PostAsync(Form("https%3A%2F%2Fevil.example.net%2Fstore%2F"));

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Be("The shop https://evil.example.net/store/ is not one this application expects credentials from.");
        refused.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
        refused.Reason.Should().Be(body);
    }

    [Fact]
    public async Task An_http_store_url_is_refused_unless_allowed()
    {
        var (status, body, _) = await PostAsync(Form("http%3A%2F%2Fshop.example.com%2Fstore%2F"));

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().StartWith("store_base_url must be https");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_unread()
    {
        var (status, _, refused) = await PostAsync(Form(extra: "&padding=" + new string('x', 600)));

        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        refused.Reason.Should().Be("The credentials POST is larger than 512 bytes.");
    }

    [Theory]
    [InlineData("oauth_consumer_key=a&oauth_consumer_secret=b&store_base_url=https%3A%2F%2Fshop.example.com%2Fstore%2F", "The credentials POST must carry oauth_verifier once*")]
    [InlineData("oauth_consumer_key=a&oauth_consumer_key=b&oauth_consumer_secret=b&store_base_url=x&oauth_verifier=c", "The credentials POST must carry oauth_consumer_key once*")]
    [InlineData("oauth_consumer_key=a%22%3E&oauth_consumer_secret=b&store_base_url=x&oauth_verifier=c", "oauth_consumer_key must be 1 to 128 letters and digits.")]
    [InlineData("oauth_consumer_key=a&oauth_consumer_secret=b&store_base_url=javascript%3Aalert(1)&oauth_verifier=c", "store_base_url must be an absolute http or https URL.")]
    public async Task A_missing_repeated_or_malformed_field_is_refused(string form, string reason)
    {
        var (status, body, _) = await PostAsync(form);

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Match(reason);
    }

    [Fact]
    public async Task A_post_that_is_not_a_form_is_refused()
    {
        var (status, _, _) = await PostAsync("{\"oauth_consumer_key\":\"a\"}", "application/json");

        status.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_expected_shop_is_accepted_with_or_without_its_trailing_slash_and_its_exchange_is_queued()
    {
        // a closed port on this machine: no shop answers there
        var (status, _, failed) = await PostAsync(Form("https%3A%2F%2F127.0.0.1%3A9%2Fstore"));

        status.Should().Be(HttpStatusCode.OK);
        // accepted, then the exchange with a shop that does not exist fails, with the reason
        failed.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
        failed.ConsumerKey.Should().Be(Key);
        failed.StoreBaseUrl.Should().Be(new Uri("https://127.0.0.1:9/store/"));
        failed.Reason.Should().StartWith("The shop could not be reached");
    }

    [Fact]
    public async Task A_refused_post_that_carried_a_consumer_key_and_a_valid_store_url_names_them_in_the_failed_event()
    {
        // a valid form, refused only because the shop's URL is http
        var (status, _, refused) = await PostAsync(Form("http%3A%2F%2Fshop.example.com%2Fstore%2F"));

        status.Should().Be(HttpStatusCode.BadRequest);
        refused.Kind.Should().Be(IntegrationConnectionEventKind.Failed);
        refused.ConsumerKey.Should().Be(Key, "IntegrationConnectionEvent.ConsumerKey is documented as null only 'when a refused POST carried none'");
        refused.StoreBaseUrl.Should().Be(new Uri("http://shop.example.com/store/"), "StoreBaseUrl is documented as null only 'when a refused POST carried no valid one'");
    }
}
