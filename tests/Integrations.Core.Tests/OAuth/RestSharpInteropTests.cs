using System.Net;
using System.Net.Sockets;
using Integrations.Model;
using Integrations.OAuth;
using RestSharp;
using RestSharp.Authenticators;
using RestSharpMethod = RestSharp.Authenticators.OAuth.OAuthSignatureMethod;

namespace Integrations.Core.Tests.OAuth;

/// <summary>
/// Requests signed by RestSharp's <c>OAuth1Authenticator</c>, sent over real HTTP to a listener on 127.0.0.1 and captured
/// there as they arrived, are accepted by the validator.
/// </summary>
public sealed class RestSharpInteropTests : IDisposable
{
    private readonly ValidatorFixture _fixture = new(now: DateTimeOffset.UtcNow);
    private readonly HttpListener _listener = new();
    private readonly string _baseUrl;

    public RestSharpInteropTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _baseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_baseUrl);
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Close();
        _fixture.Dispose();
    }

    [Theory]
    [InlineData(RestSharpMethod.HmacSha1)]
    [InlineData(RestSharpMethod.HmacSha256)]
    public async Task An_api_call_with_brackets_unicode_and_a_form_body_is_accepted(RestSharpMethod method)
    {
        var integration = await _fixture.AddAsync();
        var authenticator = OAuth1Authenticator.ForProtectedResource(
            integration.ConsumerKey, integration.ConsumerSecret, integration.Token!, integration.TokenSecret!, method);
        var request = new RestRequest("rest/V1/products", Method.Post);
        request.AddQueryParameter("searchCriteria[pageSize]", "20");
        request.AddQueryParameter("q", "\u00fcber \u00a35 \U0001F600");
        request.AddParameter("sku", "T-1");
        request.AddParameter("name", "Shirt & socks");
        request.AddParameter("qty", "3");

        var captured = await SendAsync(authenticator, request);
        var result = await _fixture.ValidateAsync(captured);

        captured.ContentType.Should().StartWith("application/x-www-form-urlencoded");
        result.Succeeded.Should().BeTrue(result.Problem?.ToString());
        result.Integration!.Id.Should().Be(integration.Integration.Id);
    }

    [Fact]
    public async Task The_token_exchange_signed_by_restsharp_is_accepted()
    {
        var pending = await _fixture.AddAsync(IntegrationStatus.PendingExchange, tokenType: null);
        var requestToken = OAuth1Authenticator.ForRequestToken(pending.ConsumerKey, pending.ConsumerSecret);
        requestToken.SignatureMethod = RestSharpMethod.HmacSha256;
        var first = await _fixture.ValidateAsync(await SendAsync(requestToken, new RestRequest("oauth/token/request", Method.Post)), OAuthFlow.RequestToken);

        var exchanging = await _fixture.AddAsync(IntegrationStatus.PendingExchange, OAuthTokenType.Request);
        var accessToken = OAuth1Authenticator.ForAccessToken(
            exchanging.ConsumerKey, exchanging.ConsumerSecret, exchanging.Token!, exchanging.TokenSecret!, "0123456789abcdefghijklmnopqrstuv");
        accessToken.SignatureMethod = RestSharpMethod.HmacSha256;
        var second = await _fixture.ValidateAsync(await SendAsync(accessToken, new RestRequest("oauth/token/access", Method.Post)), OAuthFlow.AccessToken);

        first.Succeeded.Should().BeTrue(first.Problem?.ToString());
        second.Succeeded.Should().BeTrue(second.Problem?.ToString());
        second.Verifier.Should().Be("0123456789abcdefghijklmnopqrstuv");
    }

    private async Task<OAuthWireRequest> SendAsync(OAuth1Authenticator authenticator, RestRequest request)
    {
        using var client = new RestClient(new RestClientOptions(_baseUrl) { Authenticator = authenticator });
        var contextTask = _listener.GetContextAsync();
        var responseTask = client.ExecuteAsync(request);
        var context = await contextTask;
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var captured = new OAuthWireRequest
        {
            Method = context.Request.HttpMethod,
            Url = "http://" + context.Request.Headers["Host"] + context.Request.RawUrl,
            Authorization = context.Request.Headers["Authorization"],
            ContentType = context.Request.ContentType,
            Body = body.ToArray(),
        };
        context.Response.StatusCode = 204;
        context.Response.Close();
        (await responseTask).StatusCode.Should().Be(HttpStatusCode.NoContent);
        return captured;
    }
}
