using System.Text;
using Integrations.OAuth;

namespace Integrations.Core.Tests.OAuth;

/// <summary>The worked examples of RFC 5849 (§1.2 and §3.4.1) and OAuth Core 1.0 Appendix A.5.</summary>
public class RfcExampleTests
{
    // the RFC's examples use nonces of 6 and 7 characters; the default minimum is 8
    private readonly OAuthSigner _signer = new(TimeProvider.System, new OAuthOptions { NonceMinLength = 6 });

    [Fact]
    public void Section_3_4_1_base_string_and_normalized_parameters_are_reproduced()
    {
        var request = new OAuthWireRequest
        {
            Method = "POST",
            Url = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
            ContentType = "application/x-www-form-urlencoded",
            Body = Encoding.ASCII.GetBytes("c2&a3=2+q"),
            Authorization = """
                OAuth realm="Example",
                                oauth_consumer_key="9djdj82h48djs9d2",
                                oauth_token="kkk9d7dh3k39sjv7",
                                oauth_signature_method="HMAC-SHA1",
                                oauth_timestamp="137131201",
                                oauth_nonce="7d8f3e4a",
                                oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"
                """,
        };

        _signer.TryCreateSignatureBase(request, out var signatureBase, out var problem).Should().BeTrue(problem?.Phrase);

        signatureBase!.NormalizedParameters.Should().Be(
            "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a"
            + "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7");
        signatureBase.BaseStringUri.Should().Be("http://example.com/request");
        signatureBase.BaseString.Should().Be(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D"
            + "%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
            + "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
        signatureBase.Parameters.Realm.Should().Be("Example");
        signatureBase.Parameters.Signature.Should().Be("bYT5CMsGcbgUdFHObYMEfcx6bsw=");
        signatureBase.Parameters.ProtocolSource.Should().Be(OAuthParameterSource.AuthorizationHeader);
    }

    [Fact]
    public void Section_1_2_temporary_credentials_request_verifies()
    {
        var request = new OAuthWireRequest
        {
            Method = "POST",
            Url = "https://photos.example.net/initiate",
            Authorization = "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_signature_method=\"HMAC-SHA1\", "
                + "oauth_timestamp=\"137131200\", oauth_nonce=\"wIjqoS\", oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\", "
                + "oauth_signature=\"74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D\"",
        };

        var result = _signer.Verify(request, "kd94hf93k423kf44", null);

        result.IsValid.Should().BeTrue(result.Problem?.Phrase);
        _signer.TryCreateSignatureBase(request, out var signatureBase, out _).Should().BeTrue();
        signatureBase!.Parameters.Callback.Should().Be("http://printer.example.com/ready");
    }

    [Fact]
    public void Section_1_2_token_credentials_request_verifies()
    {
        var request = new OAuthWireRequest
        {
            Method = "POST",
            Url = "https://photos.example.net/token",
            Authorization = "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_token=\"hh5s93j4hdidpola\", "
                + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", oauth_nonce=\"walatlh\", "
                + "oauth_verifier=\"hfdp7dh39dks9884\", oauth_signature=\"gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D\"",
        };

        _signer.Verify(request, "kd94hf93k423kf44", "hdhd0244k9j7ao03").IsValid.Should().BeTrue();
        _signer.Verify(request, "kd94hf93k423kf44", "another-secret").Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
    }

    [Fact]
    public void Section_1_2_protected_resource_request_verifies()
    {
        var request = new OAuthWireRequest
        {
            Method = "GET",
            Url = "http://photos.example.net/photos?file=vacation.jpg&size=original",
            Authorization = "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_token=\"nnch734d00sl2jdk\", "
                + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131202\", oauth_nonce=\"chapoH\", "
                + "oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"",
        };

        _signer.Verify(request, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00").IsValid.Should().BeTrue();
    }

    [Fact]
    public void OAuth_core_1_0_appendix_A_5_signature_is_reproduced()
    {
        var request = new OAuthWireRequest
        {
            Method = "GET",
            Url = "http://photos.example.net/photos?file=vacation.jpg&size=original",
            Authorization = "OAuth oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_token=\"nnch734d00sl2jdk\", oauth_signature_method=\"HMAC-SHA1\", "
                + "oauth_timestamp=\"1191242096\", oauth_nonce=\"kllo9940pd9333jh\", oauth_version=\"1.0\"",
        };

        _signer.TryCreateSignatureBase(request, out var signatureBase, out _).Should().BeTrue();

        _signer.ComputeSignature(OAuthSignatureMethod.HmacSha1, signatureBase!.BaseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")
            .Should().Be("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    }

    [Fact]
    public void OAuth_core_1_0_appendix_A_5_header_is_produced_by_the_signer()
    {
        var request = new OAuthWireRequest { Method = "GET", Url = "http://photos.example.net/photos?file=vacation.jpg&size=original" };

        var header = _signer.CreateAuthorizationHeader(request, new OAuthClientCredentials
        {
            ConsumerKey = "dpf43f3p2l4k3l03",
            ConsumerSecret = "kd94hf93k423kf44",
            Token = "nnch734d00sl2jdk",
            TokenSecret = "pfkkdhi9sl3r4s00",
            SignatureMethod = OAuthSignatureMethod.HmacSha1,
            Timestamp = 1191242096,
            Nonce = "kllo9940pd9333jh",
            Realm = "http://photos.example.net/",
        });

        header.Should().Be(
            "OAuth realm=\"http://photos.example.net/\", oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_token=\"nnch734d00sl2jdk\", "
            + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1191242096\", oauth_nonce=\"kllo9940pd9333jh\", oauth_version=\"1.0\", "
            + "oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"");
    }
}
