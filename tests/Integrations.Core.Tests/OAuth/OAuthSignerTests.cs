using System.Text;
using Integrations.OAuth;

namespace Integrations.Core.Tests.OAuth;

public class OAuthSignerTests
{
    private const string Url = "https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20&fields=items[sku,name]";
    private readonly OAuthSigner _signer = new();

    private static OAuthClientCredentials Credentials(OAuthSignatureMethod method) => new()
    {
        ConsumerKey = "ck0123456789abcdefghijklmnopqrst",
        ConsumerSecret = "cs0123456789abcdefghijklmnopqrst",
        Token = "tk0123456789abcdefghijklmnopqrst",
        TokenSecret = "ts0123456789abcdefghijklmnopqrst",
        SignatureMethod = method,
        Realm = "shop",
    };

    [Theory]
    [InlineData(OAuthSignatureMethod.HmacSha1)]
    [InlineData(OAuthSignatureMethod.HmacSha256)]
    public void A_header_made_by_the_signer_verifies_with_the_same_secrets_only(OAuthSignatureMethod method)
    {
        var request = new OAuthWireRequest
        {
            Method = "post",
            Url = Url,
            ContentType = "application/x-www-form-urlencoded; charset=UTF-8",
            Body = Encoding.UTF8.GetBytes("name=T-shirt+%C3%BCber&price=9.99&tags=a&tags=b"),
        };

        var header = _signer.CreateAuthorizationHeader(request, Credentials(method));
        var signed = WithAuthorization(request, header);

        header.Should().StartWith("OAuth realm=\"shop\", oauth_consumer_key=\"ck0123456789abcdefghijklmnopqrst\", ");
        header.Should().Contain($"oauth_signature_method=\"{(method == OAuthSignatureMethod.HmacSha1 ? "HMAC-SHA1" : "HMAC-SHA256")}\"");
        _signer.Verify(signed, "cs0123456789abcdefghijklmnopqrst", "ts0123456789abcdefghijklmnopqrst").IsValid.Should().BeTrue();
        var tampered = signed with { Body = Encoding.UTF8.GetBytes("name=T-shirt+%C3%BCber&price=0.99&tags=a&tags=b") };
        _signer.Verify(tampered, "cs0123456789abcdefghijklmnopqrst", "ts0123456789abcdefghijklmnopqrst")
            .Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
    }

    [Fact]
    public void Signing_without_a_consumer_key_or_secret_is_refused()
    {
        var request = new OAuthWireRequest { Method = "GET", Url = "https://shop.example.com/rest/V1/orders" };

        _signer.Invoking(s => s.CreateAuthorizationHeader(request, new OAuthClientCredentials { ConsumerKey = null!, ConsumerSecret = "cs" }))
            .Should().Throw<ArgumentNullException>();
        _signer.Invoking(s => s.CreateAuthorizationHeader(request, new OAuthClientCredentials { ConsumerKey = "ck", ConsumerSecret = null! }))
            .Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void A_failed_verification_shows_the_base_string_the_signature_was_computed_over()
    {
        var request = new OAuthWireRequest { Method = "GET", Url = "https://shop.example.com/rest/V1/orders" };
        var signed = WithAuthorization(request, _signer.CreateAuthorizationHeader(request, Credentials(OAuthSignatureMethod.HmacSha256)));

        var result = _signer.Verify(signed, "wrong", "ts0123456789abcdefghijklmnopqrst");

        result.Problem!.BaseString.Should().StartWith("GET&https%3A%2F%2Fshop.example.com%2Frest%2FV1%2Forders&oauth_consumer_key%3Dck0123456789");
        result.Problem.StatusCode.Should().Be(401);
        result.Problem.Code.Should().Be("signature_invalid");
        result.Problem.Phrase.Should().Be("The signature is invalid. Verify and try again.");
    }

    private static OAuthWireRequest WithAuthorization(OAuthWireRequest request, string header) => request with { Authorization = header };
}
