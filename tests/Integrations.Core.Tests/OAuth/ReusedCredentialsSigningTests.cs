using System.Text.RegularExpressions;
using Integrations.OAuth;

namespace Integrations.Core.Tests.OAuth;

/// <summary>A credentials instance reused for many requests keeps its keyed HMAC state: it must sign exactly as a fresh one.</summary>
public partial class ReusedCredentialsSigningTests
{
    private const string ConsumerSecret = "cs0123456789abcdefghijklmnopqrst";
    private const string TokenSecret = "ts0123456789abcdefghijklmnopqrst";
    private static readonly OAuthWireRequest Request = new() { Method = "GET", Url = "https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20" };
    private readonly OAuthSigner _signer = new();

    private static OAuthClientCredentials Credentials(OAuthSignatureMethod method, string? nonce = "n0123456789abcdefghij", string? tokenSecret = TokenSecret) => new()
    {
        ConsumerKey = "ck0123456789abcdefghijklmnopqrst",
        ConsumerSecret = ConsumerSecret,
        Token = tokenSecret is null ? null : "tk0123456789abcdefghijklmnopqrst",
        TokenSecret = tokenSecret,
        SignatureMethod = method,
        Nonce = nonce,
        Timestamp = 1_700_000_000,
    };

    [Theory]
    [InlineData(OAuthSignatureMethod.HmacSha1, TokenSecret)]
    [InlineData(OAuthSignatureMethod.HmacSha256, TokenSecret)]
    [InlineData(OAuthSignatureMethod.HmacSha256, null)]
    public void Signing_again_with_the_same_credentials_gives_the_header_fresh_credentials_give(OAuthSignatureMethod method, string? tokenSecret)
    {
        var reused = Credentials(method, tokenSecret: tokenSecret);
        var expected = _signer.CreateAuthorizationHeader(Request, Credentials(method, tokenSecret: tokenSecret));

        var headers = Enumerable.Range(0, 3).Select(_ => _signer.CreateAuthorizationHeader(Request, reused)).ToList();

        headers.Should().AllBe(expected);
        _signer.Verify(Request with { Authorization = expected }, ConsumerSecret, tokenSecret).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Credentials_shared_by_concurrent_requests_sign_each_one_correctly()
    {
        var shared = Credentials(OAuthSignatureMethod.HmacSha256, nonce: null);

        var headers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 50).Select(_ => _signer.CreateAuthorizationHeader(Request, shared)).ToList())));

        var all = headers.SelectMany(h => h).ToList();
        all.Should().OnlyHaveUniqueItems("each header has a fresh nonce");
        all.Select(header => _signer.Verify(Request with { Authorization = header }, ConsumerSecret, TokenSecret).IsValid).Should().AllBeEquivalentTo(true);
    }

    [Fact]
    public void A_generated_nonce_is_32_lowercase_hexadecimal_characters()
    {
        var header = _signer.CreateAuthorizationHeader(Request, Credentials(OAuthSignatureMethod.HmacSha256, nonce: null));

        NonceValue().Match(header).Groups[1].Value.Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [GeneratedRegex("oauth_nonce=\"([^\"]*)\"")]
    private static partial Regex NonceValue();
}
