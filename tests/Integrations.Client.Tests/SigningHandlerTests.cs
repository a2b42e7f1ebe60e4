using System.Net;
using System.Net.Http.Json;
using System.Text;
using Integrations.Client.Errors;
using Integrations.Client.Signing;
using Integrations.Client.Tests.Infrastructure;
using Integrations.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Tests;

/// <summary>
/// The signing handler registered the .NET way (<c>AddHttpClient&lt;T&gt;().AddIntegrationsOAuthSigning(…)</c>) against a
/// shop that validates with the library's ASP.NET Core adapter, over real HTTP on 127.0.0.1.
/// </summary>
public sealed class SigningHandlerTests : IAsyncLifetime
{
    private const string ProductsQuery = "rest/V1/products?searchCriteria[pageSize]=20&fields=items[sku,name]&q=%C3%BCber+caf%C3%A9";
    private ShopServer _shop = null!;

    public async Task InitializeAsync() => _shop = await ShopServer.StartAsync(o => o.IncludeBaseStringInProblems = true);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    /// <summary>A typed client as an app writes one.</summary>
    public sealed class ShopApi(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }

    private ServiceProvider Services(IOAuthCredentialsProvider credentials, Action<IHttpClientBuilder>? before = null, Action<OAuthSigningOptions>? options = null)
    {
        var services = new ServiceCollection();
        var client = services.AddHttpClient<ShopApi>(http => http.BaseAddress = _shop.Address);
        before?.Invoke(client);
        client.AddIntegrationsOAuthSigning(credentials, options ?? (_ => { }));
        return services.BuildServiceProvider();
    }

    private static TenantCredentials One(OAuthClientCredentials credentials) => new(new Dictionary<string, OAuthClientCredentials> { ["default"] = credentials });

    [Theory]
    [InlineData(OAuthSignatureMethod.HmacSha256)]
    [InlineData(OAuthSignatureMethod.HmacSha1)]
    public async Task A_get_with_brackets_and_unicode_in_its_query_is_signed_and_served(OAuthSignatureMethod method)
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        var provider = One(TenantCredentials.From(acme, method));
        await using var services = Services(provider);
        var api = services.GetRequiredService<ShopApi>();

        using var response = await api.Http.GetAsync(ProductsQuery);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("products ?searchCriteria[pageSize]=20&fields=items[sku,name]&q=%C3%BCber+caf%C3%A9 for Acme");
        response.RequestMessage!.Headers.Authorization!.ToString().Should()
            .StartWith("OAuth oauth_consumer_key=\"" + acme.ConsumerKey + "\"")
            .And.Contain(method == OAuthSignatureMethod.HmacSha1 ? "oauth_signature_method=\"HMAC-SHA1\"" : "oauth_signature_method=\"HMAC-SHA256\"");
        provider.ClientNames.Should().Equal(nameof(ShopApi));
    }

    [Fact]
    public async Task A_form_post_is_signed_with_its_body_parameters_and_the_body_arrives_unchanged()
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        await using var services = Services(One(TenantCredentials.From(acme)));
        var api = services.GetRequiredService<ShopApi>();

        using var response = await api.Http.PostAsync("rest/V1/products?store=default", new FormUrlEncodedContent(
            [new("sku", "T-1"), new("name", "Shirt & socks + tie"), new("name", "second")]));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("created sku=T-1&name=Shirt+%26+socks+%2B+tie&name=second for Acme");
    }

    [Fact]
    public async Task A_form_post_whose_body_is_changed_after_signing_is_refused_so_the_body_is_signed()
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        var signer = new OAuthSigningHandler("shop", One(TenantCredentials.From(acme)), new OAuthSigner(), new OAuthSigningOptions());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_shop.Address, "rest/V1/products"))
        {
            Content = new FormUrlEncodedContent([new("sku", "T-1")]),
        };
        await signer.SignAsync(request, CancellationToken.None);
        request.Content = new FormUrlEncodedContent([new("sku", "T-2")]);
        using var http = new HttpClient();

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_json_body_is_sent_as_it_is_and_not_signed()
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        await using var services = Services(One(TenantCredentials.From(acme)));
        var api = services.GetRequiredService<ShopApi>();
        // a stream that can be read once: had the handler read it, nothing would be left to send
        var json = new StreamContent(new ReadOnceStream(Encoding.UTF8.GetBytes("{\"sku\":\"T-1\",\"oauth_x\":\"a=b&c\"}")));
        json.Headers.ContentType = new("application/json");

        using var response = await api.Http.PostAsync("rest/V1/products", json);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("created {\"sku\":\"T-1\",\"oauth_x\":\"a=b&c\"} for Acme");
    }

    [Fact]
    public async Task The_realm_is_sent_in_the_header_and_left_out_of_the_signature()
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        await using var services = Services(One(TenantCredentials.From(acme, realm: "https://shop.example.com/")));
        var api = services.GetRequiredService<ShopApi>();

        using var response = await api.Http.GetAsync("rest/V1/products");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RequestMessage!.Headers.Authorization!.ToString().Should().StartWith("OAuth realm=\"https://shop.example.com/\", oauth_consumer_key=");
    }

    [Fact]
    public async Task Each_tenant_signs_with_its_own_credentials()
    {
        var acme = await _shop.CreateActiveIntegrationAsync("Acme");
        var globex = await _shop.CreateActiveIntegrationAsync("Globex");
        await using var services = Services(new TenantCredentials(new Dictionary<string, OAuthClientCredentials>
        {
            ["acme"] = TenantCredentials.From(acme),
            ["globex"] = TenantCredentials.From(globex),
        }));
        var api = services.GetRequiredService<ShopApi>();

        async Task<string> CallAsync(string tenant)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "rest/V1/products");
            request.Options.Set(TenantCredentials.Tenant, tenant);
            using var response = await api.Http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }

        (await CallAsync("acme")).Should().EndWith("for Acme");
        (await CallAsync("globex")).Should().EndWith("for Globex");
    }

    [Fact]
    public async Task A_request_without_credentials_is_not_sent()
    {
        await using var services = Services(One(new OAuthClientCredentials { ConsumerKey = "k", ConsumerSecret = "s" }));
        var api = services.GetRequiredService<ShopApi>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "rest/V1/products");
        request.Options.Set(TenantCredentials.Tenant, "nobody");

        var sending = () => api.Http.SendAsync(request);

        await sending.Should().ThrowAsync<OAuthCredentialsMissingException>().WithMessage("*'ShopApi'*");
    }

    [Fact]
    public async Task A_request_without_credentials_is_named_without_the_user_info_of_its_url()
    {
        await using var services = Services(One(new OAuthClientCredentials { ConsumerKey = "k", ConsumerSecret = "s" }));
        var api = services.GetRequiredService<ShopApi>();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://proxyuser:proxypassword@127.0.0.1:{_shop.Address.Port}/rest/V1/products?token=querysecret");
        request.Options.Set(TenantCredentials.Tenant, "nobody");

        var sending = () => api.Http.SendAsync(request);

        var refusal = (await sending.Should().ThrowAsync<OAuthCredentialsMissingException>()).Which;
        refusal.Message.Should().Contain($"GET http://127.0.0.1:{_shop.Address.Port}/rest/V1/products ")
            .And.NotContain("proxypassword", "a password in the URL is a secret (it was in the message)").And.NotContain("querysecret");
    }

    [Fact]
    public async Task A_retry_placed_before_the_handler_is_signed_anew_so_its_nonce_is_not_refused()
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        await using var services = Services(One(TenantCredentials.From(acme)), before: c => c.AddHttpMessageHandler(() => new SendTwice()));
        var api = services.GetRequiredService<ShopApi>();

        using var response = await api.Http.GetAsync("rest/V1/products");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_retried_form_post_is_signed_anew_with_its_body()
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        await using var services = Services(One(TenantCredentials.From(acme)), before: c => c.AddHttpMessageHandler(() => new SendTwice()));
        var api = services.GetRequiredService<ShopApi>();

        using var response = await api.Http.PostAsync("rest/V1/products", new FormUrlEncodedContent([new("sku", "T-1")]));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("created sku=T-1 for Acme");
    }

    [Fact]
    public async Task A_wrong_secret_is_thrown_as_a_typed_rejection_that_says_the_base_strings_agree()
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        var wrong = new OAuthClientCredentials { ConsumerKey = acme.ConsumerKey, ConsumerSecret = acme.ConsumerSecret, Token = acme.AccessToken, TokenSecret = "not-the-secret" };
        await using var services = Services(One(wrong));
        var api = services.GetRequiredService<ShopApi>();

        var calling = () => api.Http.GetAsync("rest/V1/products?a=1");

        var rejection = (await calling.Should().ThrowAsync<OAuthRejectedException>()).Which.Rejection;
        rejection.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rejection.ProblemCode.Should().Be("signature_invalid");
        rejection.Phrase.Should().Be("The signature is invalid. Verify and try again.");
        rejection.ServerBaseString.Should().StartWith("GET&" + Uri.EscapeDataString(_shop.Address + "rest/V1/products") + "&a%3D1%26oauth_consumer_key");
        rejection.ClientBaseString.Should().Be(rejection.ServerBaseString);
        rejection.FirstDifference.Should().BeNull();
        rejection.ToString().Should().Contain("the secrets differ").And.NotContain(acme.ConsumerSecret).And.NotContain(acme.AccessTokenSecret);
    }

    [Fact]
    public async Task A_shop_behind_a_proxy_that_sees_another_url_is_thrown_with_where_the_base_strings_differ_without_the_access_token()
    {
        await using var proxied = await ShopServer.StartAsync(o =>
        {
            o.IncludeBaseStringInProblems = true;
            o.PublicBaseUrl = new Uri("https://shop.example.com/");
        });
        var acme = await proxied.CreateActiveIntegrationAsync();
        var services = new ServiceCollection();
        services.AddHttpClient<ShopApi>(http => http.BaseAddress = proxied.Address).AddIntegrationsOAuthSigning(One(TenantCredentials.From(acme)));
        await using var provider = services.BuildServiceProvider();

        var calling = () => provider.GetRequiredService<ShopApi>().Http.GetAsync("rest/V1/products");

        var thrown = (await calling.Should().ThrowAsync<OAuthRejectedException>()).Which;
        var rejection = thrown.Rejection;
        rejection.ServerBaseString.Should().StartWith("GET&https%3A%2F%2Fshop.example.com%2Frest%2FV1%2Fproducts&");
        rejection.ClientBaseString.Should().StartWith("GET&http%3A%2F%2F127.0.0.1");
        rejection.FirstDifference.Should().Be("GET&http".Length);
        rejection.ToString().Should().Contain("differ from character 8");

        // the base strings hold the access token, which alone may authenticate (Bearer): the text apps log stars it out
        thrown.ToString().Should().NotContain(acme.AccessToken!, "no secret reaches an exception message (decision 5); it did").And.Contain("oauth_token%3D********************************%26");
    }

    [Fact]
    public async Task With_rejections_not_thrown_the_401_is_returned_and_reads_as_a_rejection()
    {
        await using var services = Services(One(new OAuthClientCredentials { ConsumerKey = "0123456789abcdefghijklmnopqrstuv", ConsumerSecret = "s", Token = "abcdefghijklmnopqrstuv0123456789", TokenSecret = "t" }), options: o => o.ThrowOnRejection = false);
        var api = services.GetRequiredService<ShopApi>();

        using var response = await api.Http.GetAsync("rest/V1/products");
        var rejection = await OAuthRejection.ReadAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rejection!.ProblemCode.Should().Be("consumer_key_unknown");
        rejection.Phrase.Should().Be("A consumer having the specified key does not exist");
    }

    [Fact]
    public async Task A_request_to_an_internationalized_host_is_signed_for_the_host_it_is_sent_to()
    {
        var credentials = new OAuthClientCredentials { ConsumerKey = "0123456789abcdefghijklmnopqrstuv", ConsumerSecret = "cs", Token = "abcdefghijklmnopqrstuv0123456789", TokenSecret = "ts" };
        var signer = new OAuthSigner();
        var handler = new OAuthSigningHandler("shop", One(credentials), signer, new OAuthSigningOptions());
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://b\u00fccher.example/rest/V1/products?a=1");

        await handler.SignAsync(request, CancellationToken.None);

        // HttpClient sends Host: xn--bcher-kva.example, so that is the URL the shop verifies (signing threw before)
        request.RequestUri!.IdnHost.Should().Be("xn--bcher-kva.example");
        var verified = signer.Verify(
            new OAuthWireRequest { Method = "GET", Url = "https://xn--bcher-kva.example/rest/V1/products?a=1", Authorization = request.Headers.Authorization!.ToString() },
            "cs",
            "ts");
        verified.IsValid.Should().BeTrue(verified.Problem?.Phrase);
    }

    [Fact]
    public async Task A_request_with_its_own_host_header_is_signed_for_that_host()
    {
        var acme = await _shop.CreateActiveIntegrationAsync();
        await using var services = Services(One(TenantCredentials.From(acme)), options: o => o.ThrowOnRejection = false);
        var api = services.GetRequiredService<ShopApi>();
        // the shop reached by its address, with the virtual host it serves named in Host, which the shop verifies
        // against (the address was signed before: 401 signature_invalid)
        using var request = new HttpRequestMessage(HttpMethod.Get, "rest/V1/products");
        request.Headers.Host = "shop.example.com:" + _shop.Address.Port;

        using var response = await api.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private sealed class SendTwice : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class ReadOnceStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
