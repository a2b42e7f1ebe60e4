using Integrations.OAuth;

namespace Integrations.Core.Tests.OAuth;

/// <summary>Behind a reverse proxy the validator rebuilds the URL the client signed from options or trusted headers.</summary>
public class RequestUrlRebuildTests
{
    private const string Signed = "https://shop.example.com/rest/V1/orders?searchCriteria[pageSize]=5";
    private const string Received = "http://10.0.0.5:8080/rest/V1/orders?searchCriteria[pageSize]=5";

    [Fact]
    public async Task Without_configuration_the_received_url_is_used_and_a_proxied_request_fails()
    {
        using var fixture = new ValidatorFixture();

        var result = await ValidateBehindProxyAsync(fixture, Signed, r => r with { XForwardedProto = "https", XForwardedHost = "shop.example.com" });

        result.Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid, "forwarded headers are not trusted by default");
    }

    [Fact]
    public async Task A_public_base_url_gives_scheme_host_and_port()
    {
        using var fixture = new ValidatorFixture(o => o.PublicBaseUrl = new Uri("https://SHOP.example.com:443/"));

        (await ValidateBehindProxyAsync(fixture, Signed)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_public_base_url_path_is_put_before_the_received_path()
    {
        using var fixture = new ValidatorFixture(o => o.PublicBaseUrl = new Uri("https://www.example.com:8443/shop/"));

        (await ValidateBehindProxyAsync(fixture, "https://www.example.com:8443/shop/rest/V1/orders?searchCriteria[pageSize]=5")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Trusted_x_forwarded_headers_give_scheme_and_host()
    {
        using var fixture = new ValidatorFixture(o => o.TrustForwardedHeaders = true);

        var result = await ValidateBehindProxyAsync(fixture, Signed, r => r with { XForwardedProto = "https, http", XForwardedHost = "shop.example.com, 10.0.0.5" });

        result.Succeeded.Should().BeTrue(result.Problem?.ToString());
    }

    [Fact]
    public async Task A_trusted_forwarded_header_wins_over_x_forwarded_headers()
    {
        using var fixture = new ValidatorFixture(o => o.TrustForwardedHeaders = true);

        var result = await ValidateBehindProxyAsync(fixture, "https://shop.example.com:8443/rest/V1/orders?searchCriteria[pageSize]=5", r => r with
        {
            Forwarded = "for=192.0.2.60;proto=https;host=\"shop.example.com:8443\", for=10.0.0.1",
            XForwardedHost = "wrong.example.com",
        });

        result.Succeeded.Should().BeTrue(result.Problem?.ToString());
    }

    [Fact]
    public async Task A_forwarded_header_without_proto_or_host_leaves_them_to_x_forwarded_headers()
    {
        using var fixture = new ValidatorFixture(o => o.TrustForwardedHeaders = true);

        var result = await ValidateBehindProxyAsync(fixture, Signed, r => r with
        {
            Forwarded = "for=192.0.2.60",
            XForwardedProto = "https",
            XForwardedHost = "shop.example.com",
        });

        result.Succeeded.Should().BeTrue(result.Problem?.ToString());
    }

    [Theory]
    [InlineData("http://shop.example.com:80/rest/V1/orders?searchCriteria[pageSize]=5", true)]
    [InlineData("http://shop.example.com/rest/V1/orders?searchCriteria[pageSize]=5", true)]
    [InlineData("http://shop.example.com:8080/rest/V1/orders?searchCriteria[pageSize]=5", false)]
    public async Task Only_the_forwarded_proto_changes_the_scheme_and_drops_the_default_port_of_the_received_one(string received, bool accepted)
    {
        using var fixture = new ValidatorFixture(o => o.TrustForwardedHeaders = true);
        var integration = await fixture.AddAsync();
        var signed = fixture.Sign(new OAuthWireRequest { Method = "GET", Url = Signed }, integration);

        var result = await fixture.ValidateAsync(signed with { Url = received, XForwardedProto = "https" });

        result.Succeeded.Should().Be(accepted, result.Problem?.ToString());
    }

    [Theory]
    [InlineData("ftp", "shop.example.com")]
    [InlineData("https", "user@shop.example.com")]
    [InlineData("https", "sh\u00f6p.example.com")]
    [InlineData("https", "shop.example.com:99999")]
    public async Task Malformed_trusted_headers_are_rejected(string proto, string host)
    {
        using var fixture = new ValidatorFixture(o => o.TrustForwardedHeaders = true);

        var result = await ValidateBehindProxyAsync(fixture, Signed, r => r with { XForwardedProto = proto, XForwardedHost = host });

        result.Problem!.Reason.Should().Be(OAuthProblemReason.RequestLineInvalid);
    }

    private static async Task<OAuthValidationResult> ValidateBehindProxyAsync(ValidatorFixture fixture, string signedUrl, Func<OAuthWireRequest, OAuthWireRequest>? headers = null)
    {
        var integration = await fixture.AddAsync();
        var signed = fixture.Sign(new OAuthWireRequest { Method = "GET", Url = signedUrl }, integration);
        var received = signed with { Url = signedUrl == Signed ? Received : ReceivedFor(signedUrl) };
        return await fixture.ValidateAsync(headers is null ? received : headers(received));
    }

    private static string ReceivedFor(string signedUrl)
    {
        var path = signedUrl[(signedUrl.IndexOf("/rest/", StringComparison.Ordinal))..];
        return "http://10.0.0.5:8080" + path;
    }
}
