using System.Net;
using Integrations.Activation;
using Integrations.AspNetCore.Endpoints;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Integrations.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Tests;

/// <summary>
/// Magento's <c>/oauth/token/request</c> and <c>/oauth/token/access</c> over real HTTP: the third party receives the
/// credentials POST on a callback route of the same Kestrel host, then exchanges them as a Magento client does.
/// </summary>
public sealed class TokenEndpointTests
{
    private const string FormType = "application/x-www-form-urlencoded";

    private sealed class Callback
    {
        public TaskCompletionSource<IFormCollection> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static async Task<(KestrelHost Host, IFormCollection Posted, Integration Acme)> StartExchangeAsync()
    {
        var callback = new Callback();
        var host = await KestrelHost.StartAsync(
            b => b.AddShopResources().ConfigureActivation(o =>
            {
                o.StoreBaseUrl = new Uri("https://shop.example/");
                o.AllowInsecureCallbackUrls = true;
            }),
            app =>
            {
                ShopEndpoints.Map(app);
                app.MapIntegrationsOAuthEndpoints();
                app.MapPost("/third-party/callback", async (HttpContext c) =>
                {
                    callback.Received.TrySetResult(await c.Request.ReadFormAsync());
                    return Results.Ok();
                }).DisableAntiforgery();
            });
        var draft = new IntegrationDraft
        {
            Name = "Acme",
            ResourceAccess = ResourceAccess.Custom,
            CallbackUrl = new Uri(host.Address, "third-party/callback").AbsoluteUri,
        };
        draft.Resources.Add(ShopEndpoints.Products);
        var created = await host.WithServiceAsync(s => s.CreateAsync(draft, TestAdminPasswordVerifier.Admin));
        var activation = await host.WithServiceAsync(s => s.ActivateAsync(created.Id));
        activation.ExchangePending.Should().BeTrue();
        return (host, await callback.Received.Task.WaitAsync(TimeSpan.FromSeconds(30)), activation.Integration);
    }

    private static OAuthClient Consumer(KestrelHost host, IFormCollection posted, string? token = null, string? tokenSecret = null, string? verifier = null) =>
        OAuthClient.FromCallback(host, posted, token, tokenSecret, verifier);

    private static HttpRequestMessage Post(string path) => new(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([]) };

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));

    private static async Task ShouldBeOAuthProblemAsync(HttpResponseMessage response, HttpStatusCode status, string phrase, string? problem)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be(FormType);
        body.Should().Be("oauth_problem=" + Uri.EscapeDataString(phrase).Replace("%20", "+", StringComparison.Ordinal));
        var challenge = response.Headers.WwwAuthenticate.Select(h => h.ToString());
        if (problem is null)
        {
            challenge.Should().BeEmpty();
        }
        else
        {
            challenge.Should().Equal($"OAuth realm=\"Integrations\", oauth_problem=\"{problem}\"");
        }
    }

    [Fact]
    public async Task The_full_exchange_issues_a_request_then_an_access_token_and_the_access_token_calls_the_api()
    {
        var (host, posted, _) = await StartExchangeAsync();
        await using var _ = host;

        using var requestResponse = await Consumer(host, posted).SendAsync(Post(IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath));
        var requestBody = await requestResponse.Content.ReadAsStringAsync();
        requestResponse.StatusCode.Should().Be(HttpStatusCode.OK, requestBody);
        requestResponse.Content.Headers.ContentType!.MediaType.Should().Be(FormType);
        var requestToken = ParseForm(requestBody);
        requestToken.Keys.Should().Equal("oauth_token", "oauth_token_secret");

        using var accessResponse = await Consumer(host, posted, requestToken["oauth_token"], requestToken["oauth_token_secret"], posted["oauth_verifier"])
            .SendAsync(Post(IntegrationsEndpointRouteBuilderExtensions.AccessTokenPath));
        var accessBody = await accessResponse.Content.ReadAsStringAsync();
        accessResponse.StatusCode.Should().Be(HttpStatusCode.OK, accessBody);
        var accessToken = ParseForm(accessBody);
        accessToken.Keys.Should().Equal("oauth_token", "oauth_token_secret");

        using var api = await Consumer(host, posted, accessToken["oauth_token"], accessToken["oauth_token_secret"])
            .SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/products"));
        api.StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Content.ReadAsStringAsync()).Should().Be("products for Acme");
        posted["store_base_url"].ToString().Should().Be("https://shop.example/");
    }

    [Fact]
    public async Task A_request_token_call_with_a_wrong_consumer_secret_is_refused_as_signature_invalid()
    {
        var (host, posted, _) = await StartExchangeAsync();
        await using var _ = host;
        var forged = new OAuthClient(host, new OAuthClientCredentials { ConsumerKey = posted["oauth_consumer_key"]!, ConsumerSecret = "0123456789abcdefghijklmnopqrstuv" });

        using var response = await forged.SendAsync(Post(IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath));

        await ShouldBeOAuthProblemAsync(response, HttpStatusCode.Unauthorized, "The signature is invalid. Verify and try again.", "signature_invalid");
    }

    [Fact]
    public async Task An_unsigned_request_token_call_is_refused_as_every_parameter_absent_with_400_in_Magentos_aggregate()
    {
        var (host, _, _) = await StartExchangeAsync();
        await using var _ = host;

        using var response = await host.Client.SendAsync(Post(IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath));

        await ShouldBeOAuthProblemAsync(
            response,
            HttpStatusCode.BadRequest,
            string.Join(", ", new[] { "oauth_consumer_key", "oauth_signature", "oauth_signature_method", "oauth_nonce", "oauth_timestamp" }
                .Select(name => $"\"{name}\" is required. Enter and try again")),
            problem: null);
    }

    [Theory]
    [InlineData(IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath)]
    [InlineData(IntegrationsEndpointRouteBuilderExtensions.AccessTokenPath)]
    public async Task A_form_body_declared_longer_than_the_limit_is_a_typed_413_decided_before_reading(string path)
    {
        var (host, _, _) = await StartExchangeAsync();
        await using var _ = host;
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(host.Address.Host, host.Address.Port);
        var stream = socket.GetStream();

        // 30 MB declared (above Kestrel's own limit too), a few bytes sent: the answer cannot come from reading the body
        var head = $"POST {path} HTTP/1.1\r\nHost: {host.Address.Authority}\r\nContent-Type: {FormType}\r\nContent-Length: {30 * 1024 * 1024}\r\n\r\noauth_consumer_key=x";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        var answer = await ReadAnswerAsync(stream);

        answer.Should().StartWith("HTTP/1.1 413 ");
        answer.Should().Contain("Content-Type: " + FormType);
        answer.Should().Contain("\r\n\r\n64\r\noauth_problem=The+form-encoded+body+is+too+large+to+be+signed%3A+at+most+1048576+bytes+are+accepted.\r\n");
    }

    private static async Task<string> ReadAnswerAsync(Stream stream)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                return text.ToString();
            }

            text.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            if (text.ToString().EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal))
            {
                return text.ToString(); // the last chunk of the answer (the server may keep the connection)
            }
        }
    }

    [Fact]
    public async Task A_second_request_token_call_is_refused_with_Magentos_answer()
    {
        var (host, posted, _) = await StartExchangeAsync();
        await using var _ = host;
        using var first = await Consumer(host, posted).SendAsync(Post(IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath));

        using var second = await Consumer(host, posted).SendAsync(Post(IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeOAuthProblemAsync(second, HttpStatusCode.Unauthorized, "Cannot create request token because consumer token is not a verifier token", "token_used");
    }

    [Fact]
    public async Task The_access_token_call_of_Magentos_sample_client_with_the_verifier_in_the_header_and_the_body_gets_the_access_token()
    {
        // PHPoAuthLib's requestAccessToken, as in Magento's documented OauthClient: every oauth_* parameter in the header
        // (the verifier too, signed once) and the verifier posted again as the form body; Magento reads the header only
        // (refused before: 400 "OAuth parameters must be sent in one place only")
        var (host, posted, _) = await StartExchangeAsync();
        await using var _ = host;
        using var requestResponse = await Consumer(host, posted).SendAsync(Post(IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath));
        var requestToken = ParseForm(await requestResponse.Content.ReadAsStringAsync());
        var request = await Consumer(host, posted, requestToken["oauth_token"], requestToken["oauth_token_secret"], posted["oauth_verifier"])
            .SignAsync(Post(IntegrationsEndpointRouteBuilderExtensions.AccessTokenPath));
        request.Content = new FormUrlEncodedContent([KeyValuePair.Create("oauth_verifier", posted["oauth_verifier"].ToString())]);

        using var response = await host.Client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        ParseForm(body).Keys.Should().Equal("oauth_token", "oauth_token_secret");
    }

    [Fact]
    public async Task An_access_token_call_with_a_wrong_verifier_is_refused_with_Magentos_answer()
    {
        var (host, posted, _) = await StartExchangeAsync();
        await using var _ = host;
        using var requestResponse = await Consumer(host, posted).SendAsync(Post(IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath));
        var requestToken = ParseForm(await requestResponse.Content.ReadAsStringAsync());

        using var response = await Consumer(host, posted, requestToken["oauth_token"], requestToken["oauth_token_secret"], "0123456789abcdefghijklmnopqrstuv")
            .SendAsync(Post(IntegrationsEndpointRouteBuilderExtensions.AccessTokenPath));

        await ShouldBeOAuthProblemAsync(response, HttpStatusCode.Unauthorized, "Token verifier and verifier token do not match", "verifier_invalid");
    }
}
