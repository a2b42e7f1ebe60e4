using System.Text;
using Integrations.OAuth;

namespace Integrations.Core.Tests.OAuth;

/// <summary>The collection, encoding and normalization edge cases of RFC 5849 §3.4.1 (reference table, section 3).</summary>
public class ParameterNormalizationTests
{
    private readonly OAuthSigner _signer = new();

    [Theory]
    [InlineData("q=hello+world", "q=hello%20world")]
    [InlineData("q=1%2B1", "q=1%2B1")]
    [InlineData("b5=%3D%253D", "b5=%3D%253D")]
    [InlineData("a=3&a=1&a=2", "a=1&a=2&a=3")]
    [InlineData("v=z&v=A&v=%25", "v=%25&v=A&v=z")]
    [InlineData("a2=x&a=y", "a=y&a2=x")]
    [InlineData("a9=1&a10=1&a1=1", "a1=1&a10=1&a9=1")]
    [InlineData("a~b=1&a_b=1&a.b=1&a-b=1&a%20b=1&a=1&A=1", "A=1&a=1&a%20b=1&a-b=1&a.b=1&a_b=1&a~b=1")]
    [InlineData("searchCriteria[pageSize]=20", "searchCriteria%5BpageSize%5D=20")]
    [InlineData("searchCriteria%5BpageSize%5D=20", "searchCriteria%5BpageSize%5D=20")]
    [InlineData("searchCriteria%5bpageSize%5d=20", "searchCriteria%5BpageSize%5D=20")]
    [InlineData("u=%C3%BC&c=%E5%95%A6&e=%F0%9F%98%80", "c=%E5%95%A6&e=%F0%9F%98%80&u=%C3%BC")]
    [InlineData("e=%C3%A9&e=e%CC%81", "e=%C3%A9&e=e%CC%81")]
    [InlineData("a=1;b=2", "a=1%3Bb%3D2")]
    [InlineData("expr=a=b=c", "expr=a%3Db%3Dc")]
    [InlineData("flag", "flag=")]
    [InlineData("a=&&b=", "a=&b=")]
    [InlineData("q=!*'()", "q=%21%2A%27%28%29")]
    [InlineData("q=%7E", "q=~")]
    [InlineData("fields=items[sku,name]", "fields=items%5Bsku%2Cname%5D")]
    [InlineData("searchCriteria[pageSize]=20&searchCriteria[currentPage]=1", "searchCriteria%5BcurrentPage%5D=1&searchCriteria%5BpageSize%5D=20")]
    [InlineData("abcdefghij=1&abcdefgh=2&abcdefgh=1&abcdefghi=0", "abcdefgh=1&abcdefgh=2&abcdefghi=0&abcdefghij=1")]
    public void Query_parameters_are_decoded_then_encoded_and_sorted_in_byte_order(string query, string normalized)
    {
        Normalize(new OAuthWireRequest { Method = "GET", Url = "https://h.example/p?" + query }).NormalizedParameters.Should().Be(normalized);
    }

    [Fact]
    public void Hundreds_of_parameters_are_sorted_in_byte_order_like_a_few()
    {
        var random = new Random(5849);
        var pairs = Enumerable.Range(0, 600)
            .Select(_ => (Name: "f" + random.Next(0, 40).ToString(System.Globalization.CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? "[a]" : "~"), Value: random.Next(0, 5).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var expected = string.Join('&', pairs
            .Select(pair => (Name: Uri.EscapeDataString(pair.Name), Value: pair.Value))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => pair.Name + "=" + pair.Value));

        var normalized = Normalize(new OAuthWireRequest { Method = "GET", Url = "https://h.example/p?" + string.Join('&', pairs.Select(pair => pair.Name + "=" + pair.Value)) }).NormalizedParameters;

        normalized.Should().Be(expected);
    }

    [Fact]
    public void The_signer_writes_the_realm_as_a_quoted_string_and_reads_it_back()
    {
        var request = new OAuthWireRequest { Method = "GET", Url = "https://h.example/p" };
        var credentials = new OAuthClientCredentials { ConsumerKey = "ck", ConsumerSecret = "cs", Realm = "say \"hi\", 100% \\o/" };

        var header = _signer.CreateAuthorizationHeader(request, credentials);

        header.Should().StartWith("OAuth realm=\"say \\\"hi\\\", 100% \\\\o/\", ");
        _signer.TryCreateSignatureBase(request with { Authorization = header }, out var signatureBase, out _).Should().BeTrue();
        signatureBase!.Parameters.Realm.Should().Be(credentials.Realm);
        _signer.Verify(request with { Authorization = header }, "cs", null).IsValid.Should().BeTrue();
        _signer.Invoking(signer => signer.CreateAuthorizationHeader(request, new OAuthClientCredentials { ConsumerKey = "ck", ConsumerSecret = "cs", Realm = "line\nbreak" })).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "status=Hello%20World%21")]
    [InlineData("application/x-www-form-urlencoded; charset=UTF-8", "status=Hello%20World%21")]
    [InlineData("APPLICATION/X-WWW-FORM-URLENCODED", "status=Hello%20World%21")]
    [InlineData("application/json", "")]
    [InlineData("multipart/form-data; boundary=x", "")]
    [InlineData(null, "")]
    public void The_body_is_signed_only_when_form_encoded(string? contentType, string normalized)
    {
        var request = new OAuthWireRequest
        {
            Method = "POST",
            Url = "https://h.example/p",
            ContentType = contentType,
            Body = Encoding.ASCII.GetBytes("status=Hello+World%21"),
        };

        Normalize(request).NormalizedParameters.Should().Be(normalized);
    }

    [Fact]
    public void Bracketed_form_fields_are_all_signed()
    {
        var request = new OAuthWireRequest
        {
            Method = "POST",
            Url = "https://h.example/p",
            ContentType = "application/x-www-form-urlencoded",
            Body = Encoding.ASCII.GetBytes("product[sku]=T-1&product[price]=9.99"),
        };

        Normalize(request).NormalizedParameters.Should().Be("product%5Bprice%5D=9.99&product%5Bsku%5D=T-1");
    }

    [Theory]
    [InlineData("HTTP://Example.COM:80/Path", "http://example.com/Path")]
    [InlineData("https://h.example:443/", "https://h.example/")]
    [InlineData("http://h.example:443/", "http://h.example:443/")]
    [InlineData("https://h.example:80/", "https://h.example:80/")]
    [InlineData("http://h.example:8080", "http://h.example:8080/")]
    [InlineData("https://h.example", "https://h.example/")]
    [InlineData("https://h.example?", "https://h.example/")]
    [InlineData("https://h.example/a/b/?x=1#frag", "https://h.example/a/b/")]
    [InlineData("http://[::1]:8080/x", "http://[::1]:8080/x")]
    [InlineData("https://h.example/r%20v/X", "https://h.example/r%20v/X")]
    [InlineData("https://h.example:/x", "https://h.example/x")]
    public void The_base_string_uri_is_normalized_with_the_path_as_sent(string url, string baseUri)
    {
        Normalize(new OAuthWireRequest { Method = "GET", Url = url }).BaseStringUri.Should().Be(baseUri);
    }

    [Theory]
    [InlineData("https://h.example/a?x=1#f?y=2", "https://h.example/a", "x=1")]
    [InlineData("https://h.example/a#f?y=2", "https://h.example/a", "")]
    [InlineData("https://h.example?x=1", "https://h.example/", "x=1")]
    [InlineData("https://h.example#f", "https://h.example/", "")]
    [InlineData("https://h.example/a?x=1&y=[2]#", "https://h.example/a", "x=1&y=%5B2%5D")]
    public void Only_the_query_before_the_fragment_is_signed(string url, string baseUri, string normalized)
    {
        var signatureBase = Normalize(new OAuthWireRequest { Method = "GET", Url = url });

        signatureBase.BaseStringUri.Should().Be(baseUri);
        signatureBase.NormalizedParameters.Should().Be(normalized);
    }

    [Fact]
    public void The_base_string_encodes_the_path_and_parameters_once_more()
    {
        var signatureBase = Normalize(new OAuthWireRequest { Method = "get", Url = "https://h.example/r%20v/X?q=a%20b" });

        signatureBase.BaseString.Should().Be("GET&https%3A%2F%2Fh.example%2Fr%2520v%2FX&q%3Da%2520b");
    }

    [Fact]
    public void Header_values_are_percent_decoded_only_so_a_plus_stays_a_plus()
    {
        var request = new OAuthWireRequest
        {
            Method = "GET",
            Url = "https://h.example/",
            Authorization = "oauth  realm=\"r\",\r\n\toauth_nonce=\"a+b\",oauth_callback=\"http%3A%2F%2Fc.example%2F%3Fx%3D1\",oauth_signature=\"ab%2B%3D\"",
        };

        var signatureBase = Normalize(request);

        signatureBase.NormalizedParameters.Should().Be("oauth_callback=http%3A%2F%2Fc.example%2F%3Fx%3D1&oauth_nonce=a%2Bb");
        signatureBase.Parameters.Nonce.Should().Be("a+b");
        signatureBase.Parameters.Signature.Should().Be("ab+=");
        signatureBase.Parameters.Realm.Should().Be("r");
    }

    [Fact]
    public void Literal_unicode_in_a_header_value_is_encoded_as_utf8()
    {
        var request = new OAuthWireRequest { Method = "GET", Url = "https://h.example/", Authorization = "OAuth oauth_callback=\"\u00fc\u5566\U0001F600\"" };

        Normalize(request).NormalizedParameters.Should().Be("oauth_callback=%C3%BC%E5%95%A6%F0%9F%98%80");
    }

    [Fact]
    public void An_explicitly_empty_token_is_signed_and_absent_parameters_are_not_added()
    {
        var request = new OAuthWireRequest { Method = "GET", Url = "https://h.example/", Authorization = "OAuth oauth_token=\"\", oauth_consumer_key=\"k\"" };

        Normalize(request).NormalizedParameters.Should().Be("oauth_consumer_key=k&oauth_token=");
    }

    [Fact]
    public void Another_authorization_scheme_is_ignored()
    {
        var request = new OAuthWireRequest { Method = "GET", Url = "https://h.example/?a=1", Authorization = "Bearer abc" };

        Normalize(request).NormalizedParameters.Should().Be("a=1");
    }

    [Fact]
    public void Protocol_parameters_may_come_from_the_query_or_the_body()
    {
        var query = Normalize(new OAuthWireRequest { Method = "GET", Url = "https://h.example/?oauth_nonce=n&a=1" });
        var body = Normalize(new OAuthWireRequest
        {
            Method = "POST",
            Url = "https://h.example/",
            ContentType = "application/x-www-form-urlencoded",
            Body = Encoding.ASCII.GetBytes("oauth_nonce=n&a=1"),
        });

        query.Parameters.ProtocolSource.Should().Be(OAuthParameterSource.Query);
        body.Parameters.ProtocolSource.Should().Be(OAuthParameterSource.Body);
        query.NormalizedParameters.Should().Be("a=1&oauth_nonce=n").And.Be(body.NormalizedParameters);
    }

    [Fact]
    public void Malformed_input_is_a_typed_problem_never_an_exception()
    {
        var cases = new[]
        {
            new OAuthWireRequest { Method = "GET", Url = "https://h.example/", Authorization = "OAuth a=\"%\"" },
            new OAuthWireRequest { Method = "GET", Url = "https://h.example/?a=%G1" },
            new OAuthWireRequest { Method = "GET", Url = "not a url" },
            new OAuthWireRequest { Method = "GET", Url = null! },
            new OAuthWireRequest { Method = null!, Url = "https://h.example/" },
            new OAuthWireRequest { Method = "GET", Url = "https://h.example/", Authorization = "OAuth oauth_nonce=\"1\", oauth_nonce=\"2\"" },
            new OAuthWireRequest { Method = "POST", Url = "https://h.example/", ContentType = "application/x-www-form-urlencoded", Body = new byte[] { (byte)'a', (byte)'=', 0xFF } },
        };

        foreach (var request in cases)
        {
            _signer.TryCreateSignatureBase(request, out _, out var problem).Should().BeFalse();
            problem!.StatusCode.Should().Be(400);
            _signer.Verify(request, "cs", "ts").Problem!.Reason.Should().Be(problem.Reason);
        }
    }

    private OAuthSignatureBase Normalize(OAuthWireRequest request)
    {
        _signer.TryCreateSignatureBase(request, out var signatureBase, out var problem).Should().BeTrue(problem?.Phrase);
        return signatureBase!;
    }
}
