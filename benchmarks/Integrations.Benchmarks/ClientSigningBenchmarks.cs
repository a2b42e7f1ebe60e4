using System.Net;
using BenchmarkDotNet.Attributes;
using Integrations.Client.Signing;
using Integrations.OAuth;
using Integrations.Security;
using RestSharp;
using RestSharp.Authenticators;
using RestSharpMethod = RestSharp.Authenticators.OAuth.OAuthSignatureMethod;

namespace Integrations.Benchmarks;

/// <summary>
/// Signing the representative API call of issue 3 (<c>POST https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20&amp;fields=items[sku,name]</c>,
/// a 3-field form body, realm, 32-character credentials) on the client side: through the client package's
/// <see cref="OAuthSigningHandler"/> (an <see cref="HttpMessageInvoker"/> whose inner handler answers at once: no network),
/// against RestSharp 114's <c>OAuth1Authenticator.Authenticate</c> on the same request, and Core's
/// <see cref="IOAuthSigner.CreateAuthorizationHeader"/> alone (what the handler adds to it). Fresh nonce and timestamp each time.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ClientSigningBenchmarks
{
    private const string BaseUrl = "https://shop.example.com/";
    private const string Url = BaseUrl + "rest/V1/products?searchCriteria[pageSize]=20&fields=items[sku,name]";

    private HttpMessageInvoker _invoker = null!;
    private HttpRequestMessage _message = null!;
    private RestClient _restClient = null!;
    private RestRequest _restRequest = null!;
    private OAuth1Authenticator _authenticator = null!;
    private OAuthSigner _signer = null!;
    private OAuthWireRequest _wire;
    private OAuthClientCredentials _credentials = null!;

    [Params(OAuthSignatureMethod.HmacSha1, OAuthSignatureMethod.HmacSha256)]
    public OAuthSignatureMethod Method { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (consumerKey, consumerSecret, token, tokenSecret) = (CredentialGenerator.Create(), CredentialGenerator.Create(), CredentialGenerator.Create(), CredentialGenerator.Create());
        _credentials = new OAuthClientCredentials
        {
            ConsumerKey = consumerKey,
            ConsumerSecret = consumerSecret,
            Token = token,
            TokenSecret = tokenSecret,
            SignatureMethod = Method,
            Realm = "shop",
        };
        _signer = new OAuthSigner();
        var handler = new OAuthSigningHandler("shop", new Fixed(_credentials), _signer, new OAuthSigningOptions()) { InnerHandler = new Answered() };
        _invoker = new HttpMessageInvoker(handler);
        _message = new HttpRequestMessage(HttpMethod.Post, Url)
        {
            Content = new FormUrlEncodedContent([new("sku", "MS-Champion-S"), new("name", "Champion Hoodie"), new("price", "39.99")]),
        };
        _wire = new OAuthWireRequest
        {
            Method = "POST",
            Url = Url,
            ContentType = "application/x-www-form-urlencoded",
            Body = "sku=MS-Champion-S&name=Champion+Hoodie&price=39.99"u8.ToArray(),
        };

        _authenticator = OAuth1Authenticator.ForProtectedResource(consumerKey, consumerSecret, token, tokenSecret,
            Method == OAuthSignatureMethod.HmacSha1 ? RestSharpMethod.HmacSha1 : RestSharpMethod.HmacSha256);
        _authenticator.Realm = "shop";
        _restClient = new RestClient(new RestClientOptions(BaseUrl));
        _restRequest = new RestRequest("rest/V1/products", RestSharp.Method.Post);
        _restRequest.AddQueryParameter("searchCriteria[pageSize]", "20");
        _restRequest.AddQueryParameter("fields", "items[sku,name]");
        _restRequest.AddParameter("sku", "MS-Champion-S");
        _restRequest.AddParameter("name", "Champion Hoodie");
        _restRequest.AddParameter("price", "39.99");

        if (!Handler().StartsWith("OAuth realm=\"shop\", oauth_consumer_key=", StringComparison.Ordinal) || !RestSharpAuthenticate().Contains("oauth_signature=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A benchmark does not sign.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _invoker.Dispose();
        _message.Dispose();
        _restClient.Dispose();
    }

    /// <summary>The handler signs the request message (reads the form body, sets the header) and passes it on.</summary>
    [Benchmark]
    public string Handler()
    {
        using var response = _invoker.SendAsync(_message, CancellationToken.None).GetAwaiter().GetResult();
        return _message.Headers.NonValidated["Authorization"].ToString();
    }

    /// <summary>RestSharp's authenticator adds the Authorization header parameter to the request (removed again for the next run).</summary>
    [Benchmark(Baseline = true)]
    public string RestSharpAuthenticate()
    {
        _authenticator.Authenticate(_restClient, _restRequest).AsTask().GetAwaiter().GetResult();
        var header = (string)_restRequest.Parameters.TryFind("Authorization")!.Value!;
        _restRequest.Parameters.RemoveParameter("Authorization");
        return header;
    }

    /// <summary>Core's signer alone on the same request: the share of the handler's cost that is the signer's.</summary>
    [Benchmark]
    public string CoreSigner() => _signer.CreateAuthorizationHeader(_wire, _credentials);

    private sealed class Fixed(OAuthClientCredentials credentials) : IOAuthCredentialsProvider
    {
        public ValueTask<OAuthClientCredentials?> GetCredentialsAsync(string clientName, HttpRequestMessage request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<OAuthClientCredentials?>(credentials);
    }

    private sealed class Answered : HttpMessageHandler
    {
        private static readonly Task<HttpResponseMessage> Ok = Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Ok;
    }
}
