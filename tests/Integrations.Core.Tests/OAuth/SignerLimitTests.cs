using System.Globalization;
using Integrations.OAuth;

namespace Integrations.Core.Tests.OAuth;

/// <summary>Round trips between the signer and the stateless verify / validator at the edges.</summary>
public class SignerLimitTests
{
    private const string ConsumerSecret = "cs0123456789abcdefghijklmnopqrst";
    private const string TokenSecret = "ts0123456789abcdefghijklmnopqrst";
    private readonly OAuthSigner _signer = new();

    private static OAuthClientCredentials Credentials() => new()
    {
        ConsumerKey = "ck0123456789abcdefghijklmnopqrst",
        ConsumerSecret = ConsumerSecret,
        Token = "tk0123456789abcdefghijklmnopqrst",
        TokenSecret = TokenSecret,
    };

    [Fact]
    public void A_request_the_signer_signs_at_the_parameter_limit_verifies_with_the_same_signer()
    {
        // 993 query parameters + the 6 protocol parameters the signer adds + oauth_signature = 1,000, the most verify counts
        var request = WithQueryParameters(993);

        var header = _signer.CreateAuthorizationHeader(request, Credentials());
        var result = _signer.Verify(request with { Authorization = header }, ConsumerSecret, TokenSecret);

        result.IsValid.Should().BeTrue(result.Problem?.Phrase);
    }

    [Fact]
    public void A_request_one_parameter_over_what_verify_counts_is_refused_by_the_signer_rather_than_signed_unverifiable()
    {
        // one more: the signer used to sign it (checking 1,000 before oauth_signature was added), and verify refused it
        var sign = () => _signer.CreateAuthorizationHeader(WithQueryParameters(994), Credentials());

        sign.Should().Throw<ArgumentException>().WithMessage("*too many parameters*");
    }

    private static OAuthWireRequest WithQueryParameters(int count) => new()
    {
        Method = "GET",
        Url = "https://shop.example.com/rest/V1/products?" + string.Join("&", Enumerable.Range(0, count).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture) + "=1")),
    };
}
