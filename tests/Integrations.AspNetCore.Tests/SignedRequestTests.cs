using System.Net;
using System.Text.Json;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Integrations.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.AspNetCore.Tests;

/// <summary>OAuth 1.0a signed API calls through the handler, over real HTTP: accepted paths and every refusal on the wire.</summary>
public sealed class SignedRequestTests
{
    private const string ProductsQuery = "rest/V1/products?searchCriteria[pageSize]=20&fields=items[sku,name]";

    private static async Task<(KestrelHost Host, ActivatedIntegration Acme)> StartWithAcmeAsync(Action<OAuthOptions>? oauth = null)
    {
        var host = await KestrelHost.StartAsync(
            b =>
            {
                b.AddShopResources();
                if (oauth is not null)
                {
                    b.Services.Configure(oauth);
                }
            },
            ShopEndpoints.Map);
        var draft = new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(ShopEndpoints.Products);
        return (host, await host.CreateActiveIntegrationAsync(draft));
    }

    private static string Json(string message) => JsonSerializer.Serialize(new { message });

    private static string Challenge(string problem) => $"OAuth realm=\"Integrations\", oauth_problem=\"{problem}\"";

    private static HttpRequestMessage PostProduct(string sku) =>
        new(HttpMethod.Post, "rest/V1/products")
        {
            Content = new FormUrlEncodedContent([new("sku", sku), new("name", "Blue shirt + tie"), new("price", "12.50")]),
        };

    [Theory]
    [InlineData(OAuthSignatureMethod.HmacSha256)]
    [InlineData(OAuthSignatureMethod.HmacSha1)]
    public async Task A_signed_get_with_a_query_is_served_to_the_integration(OAuthSignatureMethod method)
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var client = new OAuthClient(host, acme.Credentials) { Method = method };

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("products for Acme");
    }

    [Fact]
    public async Task A_signed_form_post_is_served_and_the_endpoint_still_reads_the_form()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;

        using var response = await new OAuthClient(host, acme.Credentials).SendAsync(PostProduct("sku-1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("created sku-1 for Acme");
    }

    [Fact]
    public async Task Protocol_parameters_in_the_query_are_accepted()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));
        OAuthClient.MoveOAuthToQuery(request);

        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Protocol_parameters_in_the_form_body_are_accepted()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(PostProduct("sku-2"));
        await OAuthClient.MoveOAuthToFormAsync(request);

        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("created sku-2 for Acme");
    }

    [Fact]
    public async Task A_query_changed_after_signing_is_refused_as_signature_invalid()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));
        request.RequestUri = new Uri(request.RequestUri!.AbsoluteUri.Replace("pageSize]=20", "pageSize]=2000", StringComparison.Ordinal)); // tampered after signing

        using var response = await host.Client.SendAsync(request);

        // served as a guest before: the client never learned that its credentials failed
        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, Json("The signature is invalid. Verify and try again."), Challenge("signature_invalid"));
    }

    [Fact]
    public async Task A_form_field_changed_after_signing_is_refused_as_signature_invalid()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(PostProduct("sku-3"));
        request.Content = new FormUrlEncodedContent([new("sku", "sku-3"), new("name", "Blue shirt + tie"), new("price", "0.01")]);

        using var response = await host.Client.SendAsync(request);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, Json("The signature is invalid. Verify and try again."), Challenge("signature_invalid"));
    }

    [Fact]
    public async Task A_replayed_request_is_refused_as_nonce_used()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var first = await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));
        var replay = new HttpRequestMessage(HttpMethod.Get, first.RequestUri);
        replay.Headers.Authorization = first.Headers.Authorization;

        using var accepted = await host.Client.SendAsync(first);
        using var replayed = await host.Client.SendAsync(replay);

        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        await replayed.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized,
            """{"message":"The nonce is already being used by the consumer with ID %1","parameters":["ID"]}""".Replace("ID\"]", acme.Integration.Id + "\"]", StringComparison.Ordinal),
            Challenge("nonce_used"));
    }

    [Fact]
    public async Task An_unknown_consumer_key_is_refused_as_consumer_key_unknown()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var stranger = acme.Credentials with { ConsumerKey = "0123456789abcdefghijklmnopqrstuv" };

        using var response = await new OAuthClient(host, stranger).SendAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, Json("A consumer having the specified key does not exist"), Challenge("consumer_key_unknown"));
    }

    [Fact]
    public async Task A_missing_signature_is_refused_as_parameter_absent_with_400_and_no_challenge()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));
        var header = request.Headers.Authorization!.ToString();
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", string.Join(",", header.Split(',').Where(p => !p.Contains("oauth_signature=", StringComparison.Ordinal))));

        using var response = await host.Client.SendAsync(request);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.BadRequest, """{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"oauth_signature"}}""", expectedChallenge: null);
    }

    [Fact]
    public async Task A_signature_method_the_host_does_not_allow_is_refused_as_signature_method_rejected()
    {
        var (host, acme) = await StartWithAcmeAsync(o => o.AllowHmacSha1 = false);
        await using var _ = host;

        using var response = await new OAuthClient(host, acme.Credentials) { Method = OAuthSignatureMethod.HmacSha1 }
            .SendAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.BadRequest, """{"message":"Signature method %1 is not supported","parameters":["HMAC-SHA1"]}""", expectedChallenge: null);
    }

    [Fact]
    public async Task An_unsupported_version_is_refused_as_version_rejected_with_Magentos_parameters()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));
        var header = request.Headers.Authorization!.ToString().Replace("oauth_version=\"1.0\"", "oauth_version=\"2.0\"", StringComparison.Ordinal);
        header.Should().Contain("oauth_version=\"2.0\"");
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await host.Client.SendAsync(request);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.BadRequest, """{"message":"The \"%1\" Oauth version isn't supported.","parameters":["2.0"]}""", expectedChallenge: null);
    }

    [Fact]
    public async Task Several_missing_parameters_are_Magentos_input_errors_with_each_field_name()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var request = new HttpRequestMessage(HttpMethod.Get, ProductsQuery);
        request.Headers.TryAddWithoutValidation("Authorization", $"OAuth oauth_consumer_key=\"{acme.Credentials.ConsumerKey}\", oauth_token=\"{acme.Credentials.AccessToken}\"");

        using var response = await host.Client.SendAsync(request);

        await response.ShouldBeMagentoErrorAsync(
            HttpStatusCode.BadRequest,
            """
            {"message":"One or more input exceptions have occurred.","errors":[
              {"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"oauth_signature"}},
              {"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"oauth_signature_method"}},
              {"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"oauth_nonce"}},
              {"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"oauth_timestamp"}}]}
            """,
            expectedChallenge: null);
    }

    [Fact]
    public async Task A_timestamp_outside_the_window_is_refused_as_timestamp_refused()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        var anHourAgo = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery), timestamp: anHourAgo);

        using var response = await host.Client.SendAsync(request);

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, Json("Incorrect timestamp value in the oauth_timestamp parameter"), Challenge("timestamp_refused"));
    }

    [Fact]
    public async Task An_old_access_token_is_refused_after_reauthorize()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;
        await host.WithServiceAsync(s => s.ReauthorizeAsync(acme.Integration.Id));

        using var response = await new OAuthClient(host, acme.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Single().ToString().Should().Be(Challenge("token_rejected"));
    }

    [Fact]
    public async Task A_valid_signature_without_the_resource_is_not_authorized_with_permission_denied()
    {
        var (host, acme) = await StartWithAcmeAsync();
        await using var _ = host;

        using var response = await new OAuthClient(host, acme.Credentials).SendAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/orders"));

        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, ResponseAssertions.NotAuthorizedJson(ShopEndpoints.Orders), Challenge("permission_denied"));
    }

    [Fact]
    public async Task Behind_a_proxy_the_public_base_url_rebuilds_the_signed_url()
    {
        var (host, acme) = await StartWithAcmeAsync(o => o.PublicBaseUrl = new Uri("https://shop.example.com/"));
        await using var _ = host;
        var signedFor = new Uri("https://shop.example.com/" + ProductsQuery);

        using var response = await host.Client.SendAsync(
            await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery), signedFor));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Diagnostics_mode_returns_the_base_string_the_server_computed()
    {
        var (host, acme) = await StartWithAcmeAsync(o => o.IncludeBaseStringInProblems = true);
        await using var _ = host;
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(
            new HttpRequestMessage(HttpMethod.Get, ProductsQuery), new Uri("https://shop.example.com/" + ProductsQuery));

        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("message").GetString().Should().Be("The signature is invalid. Verify and try again.");
        body.GetProperty("base_string").GetString().Should().StartWith("GET&http%3A%2F%2F127.0.0.1%3A")
            .And.Contain("searchCriteria%255BpageSize%255D%3D20")
            .And.NotContain(acme.Credentials.ConsumerSecret)
            .And.NotContain(acme.Credentials.AccessTokenSecret!);
    }

    [Fact]
    public async Task Refused_credentials_are_refused_on_a_resource_open_to_guests_not_served_as_a_guest()
    {
        await using var host = await KestrelHost.StartAsync(
            b => b.AddShopResources().ConfigureAcl(o => o.AllowAnonymousGuestAccess = true),
            ShopEndpoints.Map);
        var draft = new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(ShopEndpoints.Products);
        var acme = await host.CreateActiveIntegrationAsync(draft);
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, ProductsQuery));
        request.RequestUri = new Uri(request.RequestUri!.AbsoluteUri.Replace("pageSize]=20", "pageSize]=2000", StringComparison.Ordinal)); // tampered after signing

        using var response = await host.Client.SendAsync(request);

        // served as a guest before: the client never learned that its credentials failed
        await response.ShouldBeMagentoErrorAsync(HttpStatusCode.Unauthorized, Json("The signature is invalid. Verify and try again."), Challenge("signature_invalid"));
    }
}
