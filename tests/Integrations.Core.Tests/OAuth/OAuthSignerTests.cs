using System.Globalization;
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

    [Theory]
    [InlineData(OAuthParameterNames.Nonce, null, OAuthProblemReason.ParameterAbsent)]
    [InlineData(OAuthParameterNames.Timestamp, null, OAuthProblemReason.ParameterAbsent)]
    [InlineData(OAuthParameterNames.ConsumerKey, null, OAuthProblemReason.ParameterAbsent)]
    [InlineData(OAuthParameterNames.Version, "2.0", OAuthProblemReason.VersionRejected)]
    [InlineData(OAuthParameterNames.SignatureMethod, "PLAINTEXT", OAuthProblemReason.SignatureMethodRejected)]
    [InlineData(OAuthParameterNames.Timestamp, "12e4", OAuthProblemReason.TimestampInvalid)]
    [InlineData(OAuthParameterNames.Nonce, "short", OAuthProblemReason.NonceInvalid)]
    [InlineData(OAuthParameterNames.Nonce, "two%0Alines%0Anonce", OAuthProblemReason.NonceInvalid)]
    public async Task The_stateless_verify_refuses_a_correctly_signed_request_as_the_validator_does(string name, string? value, OAuthProblemReason reason)
    {
        using var fixture = new ValidatorFixture();
        var integration = await fixture.AddAsync();
        var request = SignedWith(fixture, integration, name, value);

        var verified = fixture.Signer.Verify(request, integration.ConsumerSecret, integration.TokenSecret);
        var validated = await fixture.ValidateAsync(request);

        verified.IsValid.Should().BeFalse();
        verified.Problem!.Reason.Should().Be(reason, verified.Problem.Phrase);
        verified.Problem.Should().BeEquivalentTo(validated.Problem);
        fixture.Signer.Verify(SignedWith(fixture, integration, null, null), integration.ConsumerSecret, integration.TokenSecret).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_successful_verification_allocates_no_result()
    {
        var request = new OAuthWireRequest { Method = "GET", Url = Url };
        var signed = WithAuthorization(request, _signer.CreateAuthorizationHeader(request, Credentials(OAuthSignatureMethod.HmacSha256)));

        var first = _signer.Verify(signed, "cs0123456789abcdefghijklmnopqrst", "ts0123456789abcdefghijklmnopqrst");
        var second = _signer.Verify(signed, "cs0123456789abcdefghijklmnopqrst", "ts0123456789abcdefghijklmnopqrst");

        first.IsValid.Should().BeTrue();
        first.SignatureBase.Should().BeNull("a valid result carries no strings; TryCreateSignatureBase gives them");
        second.Should().BeSameAs(first);
    }

    /// <summary>
    /// A request signed correctly with the integration's secrets, the usual protocol parameters but one replaced (or
    /// left out when <paramref name="value"/> is <see langword="null"/>): what a weaker verify would accept.
    /// </summary>
    private static OAuthWireRequest SignedWith(ValidatorFixture fixture, TestIntegration integration, string? name, string? value)
    {
        var parameters = new Dictionary<string, string?>
        {
            [OAuthParameterNames.ConsumerKey] = integration.ConsumerKey,
            [OAuthParameterNames.Token] = integration.Token,
            [OAuthParameterNames.SignatureMethod] = "HMAC-SHA256",
            [OAuthParameterNames.Timestamp] = fixture.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            [OAuthParameterNames.Nonce] = Guid.NewGuid().ToString("N"),
            [OAuthParameterNames.Version] = "1.0",
        };
        if (name is not null)
        {
            parameters[name] = value;
        }

        var header = "OAuth " + string.Join(", ", parameters.Where(p => p.Value is not null).Select(p => $"{p.Key}=\"{p.Value}\""));
        var request = new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl, Authorization = header };
        fixture.Signer.TryCreateSignatureBase(request, out var signatureBase, out var problem).Should().BeTrue(problem?.Phrase);
        var signature = fixture.Signer.ComputeSignature(OAuthSignatureMethod.HmacSha256, signatureBase!.BaseString, integration.ConsumerSecret, integration.TokenSecret);
        return request with { Authorization = $"{header}, {OAuthParameterNames.Signature}=\"{Uri.EscapeDataString(signature)}\"" };
    }

    [Theory]
    [InlineData("OAuth , ")]
    [InlineData("OAuth ,, ")]
    public void An_authorization_header_with_empty_list_elements_verifies(string prefix)
    {
        // RFC 9110 §5.6.1.2 (decision 12): a recipient MUST accept and ignore empty list elements; Magento splits on "," and skips them
        var request = new OAuthWireRequest { Method = "GET", Url = "https://shop.example.com/rest/V1/orders" };
        var header = _signer.CreateAuthorizationHeader(request, Credentials(OAuthSignatureMethod.HmacSha256));
        var withEmptyElements = prefix + header["OAuth ".Length..].Replace(", oauth_nonce=", ",, oauth_nonce=", StringComparison.Ordinal);

        var result = _signer.Verify(WithAuthorization(request, withEmptyElements), "cs0123456789abcdefghijklmnopqrst", "ts0123456789abcdefghijklmnopqrst");

        result.IsValid.Should().BeTrue(result.Problem?.Reason.ToString());
    }

    private static OAuthWireRequest WithAuthorization(OAuthWireRequest request, string header) => request with { Authorization = header };
}
