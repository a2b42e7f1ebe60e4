using System.Net;
using System.Collections.Concurrent;
using System.Text;
using Integrations.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Tests.Infrastructure;

/// <summary>
/// Magento 2.4's side of the handshake on the wire, byte for byte as <c>shared/reference/magento-integrations.md</c> §3
/// gives it, on real Kestrel (127.0.0.1): it posts the four credential fields form-encoded to a callback URL, answers
/// <c>/oauth/token/request</c> and <c>/oauth/token/access</c> with <c>oauth_token=…&amp;oauth_token_secret=…</c> (HTTP 200)
/// or <c>oauth_problem=…</c> (400/401), accepts only HMAC-SHA256, and serves <c>GET /rest/V1/products</c> to the access
/// token. Signatures are checked with the library's RFC 5849 verifier.
/// </summary>
public sealed class MagentoWire : IAsyncDisposable
{
    public const string ConsumerKey = "m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d";
    public const string ConsumerSecret = "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7";
    public const string Verifier = "v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6";

    private readonly WebApplication _app;
    private readonly OAuthSigner _signer = new();

    private MagentoWire(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>The request and access tokens of each exchange, in the order issued.</summary>
    public ConcurrentQueue<(string Token, string Secret)> Issued { get; } = new();

    /// <summary>Every request the token endpoints and API received (method and path).</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>Answers the next request-token call with this status and body instead (e.g. a refusal).</summary>
    public (int Status, string Body)? NextRequestTokenAnswer { get; set; }

    private (string Token, string Secret)? _requestToken;
    private (string Token, string Secret)? _accessToken;

    public static async Task<MagentoWire> StartAsync()
    {
        var builder = LoopbackApp.CreateBuilder();
        var app = builder.Build();
        var magento = new MagentoWire(app);
        app.MapPost("/oauth/token/request", magento.RequestTokenAsync);
        app.MapPost("/oauth/token/access", magento.AccessTokenAsync);
        app.MapGet("/rest/V1/products", magento.ProductsAsync);
        await app.StartAsync();
        magento.Address = LoopbackApp.AddressOf(app);
        return magento;
    }

    /// <summary>
    /// The credentials POST exactly as Magento's <c>OauthService::postToConsumer</c> sends it: the four fields,
    /// <c>http_build_query</c>-encoded, <c>Content-Type: application/x-www-form-urlencoded</c>.
    /// </summary>
    public byte[] CallbackBody() => Encoding.ASCII.GetBytes(
        $"oauth_consumer_key={ConsumerKey}&oauth_consumer_secret={ConsumerSecret}&store_base_url={Uri.EscapeDataString(Address.AbsoluteUri)}&oauth_verifier={Verifier}");

    /// <summary>Posts the credentials to a callback URL as Magento does; returns the status (which Magento ignores).</summary>
    public async Task<HttpStatusCode> PostCredentialsAsync(Uri callbackUrl)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        using var content = new ByteArrayContent(CallbackBody());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        using var response = await http.PostAsync(callbackUrl, content);
        return response.StatusCode;
    }

    private static string New() => Integrations.Security.CredentialGenerator.Create();

    private Task RequestTokenAsync(HttpContext context)
    {
        Received.Enqueue("POST /oauth/token/request");
        if (NextRequestTokenAnswer is { } answer)
        {
            NextRequestTokenAnswer = null;
            return AnswerAsync(context, answer.Status, answer.Body);
        }

        if (Refusal(context, null) is { } refusal)
        {
            return refusal;
        }

        _requestToken = (New(), New());
        Issued.Enqueue(_requestToken.Value);
        return AnswerAsync(context, 200, $"oauth_token={_requestToken.Value.Token}&oauth_token_secret={_requestToken.Value.Secret}");
    }

    private Task AccessTokenAsync(HttpContext context)
    {
        Received.Enqueue("POST /oauth/token/access");
        if (_requestToken is not { } requestToken)
        {
            return AnswerAsync(context, 401, "oauth_problem=Specified+token+does+not+exist");
        }

        if (Refusal(context, requestToken.Secret) is { } refusal)
        {
            return refusal;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.Contains($"oauth_token=\"{requestToken.Token}\"", StringComparison.Ordinal) || !header.Contains($"oauth_verifier=\"{Verifier}\"", StringComparison.Ordinal))
        {
            return AnswerAsync(context, 401, "oauth_problem=Token+verifier+and+verifier+token+do+not+match");
        }

        _requestToken = null;
        _accessToken = (New(), New());
        Issued.Enqueue(_accessToken.Value);
        return AnswerAsync(context, 200, $"oauth_token={_accessToken.Value.Token}&oauth_token_secret={_accessToken.Value.Secret}");
    }

    private Task ProductsAsync(HttpContext context)
    {
        Received.Enqueue("GET /rest/V1/products");
        if (_accessToken is not { } access || !context.Request.Headers.Authorization.ToString().Contains($"oauth_token=\"{access.Token}\"", StringComparison.Ordinal)
            || !_signer.Verify(Wire(context), ConsumerSecret, access.Secret).IsValid)
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.WriteAsync("{\"message\":\"The consumer isn't authorized to access %resources.\",\"parameters\":{\"resources\":\"Magento_Catalog::products\"}}");
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync("{\"items\":[{\"sku\":\"24-MB01\"}]}");
    }

    /// <summary>Magento's protocol checks of a token call: HMAC-SHA256 only (400 otherwise), then the signature (401).</summary>
    private Task? Refusal(HttpContext context, string? tokenSecret)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.Contains("oauth_signature_method=\"HMAC-SHA256\"", StringComparison.Ordinal))
        {
            return AnswerAsync(context, 400, "oauth_problem=Signature+method+HMAC-SHA1+is+not+supported");
        }

        return _signer.Verify(Wire(context), ConsumerSecret, tokenSecret).IsValid
            ? null
            : AnswerAsync(context, 401, "oauth_problem=The+signature+is+invalid.+Verify+and+try+again.");
    }

    private static OAuthWireRequest Wire(HttpContext context) => new()
    {
        Method = context.Request.Method,
        Url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}",
        Authorization = context.Request.Headers.Authorization.ToString(),
    };

    /// <summary>Magento's answer: the body as PHP echoes it, <c>text/html; charset=UTF-8</c>.</summary>
    private static Task AnswerAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=UTF-8";
        return context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(body)).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
