using Integrations.OAuth;

namespace Integrations.Core.Tests.OAuth;

/// <summary>Behind a reverse proxy the validator rebuilds the URL the client signed from the public base URL, when set.</summary>
public class RequestUrlRebuildTests
{
    private const string Signed = "https://shop.example.com/rest/V1/orders?searchCriteria[pageSize]=5";
    private const string Received = "http://10.0.0.5:8080/rest/V1/orders?searchCriteria[pageSize]=5";

    [Fact]
    public async Task Without_a_public_base_url_the_received_url_is_used_and_a_proxied_request_fails()
    {
        using var fixture = new ValidatorFixture();

        var result = await ValidateBehindProxyAsync(fixture, Signed);

        result.Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid, "Core reads no forwarded header: the adapter resolves the URL");
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

    private static async Task<OAuthValidationResult> ValidateBehindProxyAsync(ValidatorFixture fixture, string signedUrl)
    {
        var integration = await fixture.AddAsync();
        var signed = fixture.Sign(new OAuthWireRequest { Method = "GET", Url = signedUrl }, integration);
        return await fixture.ValidateAsync(signed with { Url = signedUrl == Signed ? Received : ReceivedFor(signedUrl) });
    }

    private static string ReceivedFor(string signedUrl)
    {
        var path = signedUrl[(signedUrl.IndexOf("/rest/", StringComparison.Ordinal))..];
        return "http://10.0.0.5:8080" + path;
    }
}
