using System.Net;
using System.Text;
using Integrations.AspNetCore.Http;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Integrations.OAuth;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Tests;

/// <summary>How the adapter reads a form body for Core: no more than Core would check, and left readable for the endpoint.</summary>
public sealed class WireRequestReaderTests
{
    private const int MaxFormBodyLength = 1024 * 1024;

    private static readonly OAuthOptions Options = new() { MaxFormBodyLength = MaxFormBodyLength };

    [Fact]
    public async Task A_form_body_is_read_no_further_than_one_byte_past_the_limit()
    {
        var body = new byte[20 * 1024 * 1024];
        body.AsSpan().Fill((byte)'x');
        var counting = new CountingStream(new MemoryStream(body));
        var request = FormPost(counting);

        var wire = await WireRequestReader.ReadAsync(request, Options, CancellationToken.None);

        wire.Body.Length.Should().Be(MaxFormBodyLength + 1);
        counting.BytesRead.Should().BeLessThanOrEqualTo(MaxFormBodyLength + 1);
    }

    [Fact]
    public async Task A_form_body_declared_longer_than_the_limit_is_not_read_at_all()
    {
        var counting = new CountingStream(new MemoryStream(new byte[64]));
        var request = FormPost(counting);
        request.ContentLength = 30L * 1024 * 1024;

        var wire = await WireRequestReader.ReadAsync(request, Options, CancellationToken.None);

        counting.BytesRead.Should().Be(0);
        wire.Body.Length.Should().Be(0);
        wire.DeclaredBodyLength.Should().Be(30L * 1024 * 1024);
        WireRequestReader.CarriesOAuth(request, wire, MaxFormBodyLength).Should().BeTrue("Core refuses it as too large, it does not pass for anonymous");
    }

    [Fact]
    public async Task A_form_body_within_the_limit_is_read_whole_and_rewound_for_the_endpoint()
    {
        var body = Encoding.ASCII.GetBytes("sku=MS-Champion-S&name=Champion+Hoodie");
        var request = FormPost(new MemoryStream(body));

        var wire = await WireRequestReader.ReadAsync(request, Options, CancellationToken.None);

        wire.Body.ToArray().Should().Equal(body);
        (await new StreamReader(request.Body).ReadToEndAsync()).Should().Be("sku=MS-Champion-S&name=Champion+Hoodie");
    }

    [Theory]
    [InlineData(null, "https://shop.example/shop/rest/V1/products?searchCriteria=1")]
    [InlineData("https://public.example/store/", "https://shop.example/rest/V1/products?searchCriteria=1")]
    public async Task Without_a_raw_target_the_path_base_is_in_the_url_only_when_no_public_base_url_replaces_it(string? publicBaseUrl, string expected)
    {
        var request = new DefaultHttpContext().Request; // no raw target, as under TestServer or IIS in-process
        request.Method = "GET";
        request.Scheme = "https";
        request.Host = new HostString("shop.example");
        request.PathBase = "/shop";
        request.Path = "/rest/V1/products";
        request.QueryString = new QueryString("?searchCriteria=1");
        var options = new OAuthOptions { PublicBaseUrl = publicBaseUrl is null ? null : new Uri(publicBaseUrl) };

        var wire = await WireRequestReader.ReadAsync(request, options, CancellationToken.None);

        wire.Url.Should().Be(expected, "a public base URL replaces origin and path base, so the path base must not come twice");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_form_body_over_the_limit_gets_413_over_http(bool oauthInTheBody)
    {
        await using var host = await KestrelHost.StartAsync(b => b.AddShopResources(), ShopEndpoints.Map);
        var acme = await host.CreateActiveIntegrationAsync(new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.All });
        var request = new HttpRequestMessage(HttpMethod.Post, "rest/V1/products")
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes("sku=" + new string('x', 2 * MaxFormBodyLength))),
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request = await new OAuthClient(host, acme.Credentials).SignAsync(request);
        if (oauthInTheBody)
        {
            await OAuthClient.MoveOAuthToFormAsync(request); // past the part the adapter reads
        }

        using var response = await host.Client.SendAsync(request);

        await response.ShouldBeMagentoErrorAsync(
            HttpStatusCode.RequestEntityTooLarge,
            System.Text.Json.JsonSerializer.Serialize(new { message = "The form-encoded body is too large to be signed: at most 1048576 bytes are accepted." }),
            expectedChallenge: null);
    }

    [Theory]
    [InlineData("a=1&oauth%5Fnonce=n")]
    [InlineData("a=1&%6Fauth_nonce=n")]
    public async Task A_form_body_whose_oauth_names_are_percent_encoded_carries_oauth_as_core_reads_it(string form)
    {
        var request = FormPost(new MemoryStream(Encoding.ASCII.GetBytes(form)));

        var wire = await WireRequestReader.ReadAsync(request, Options, CancellationToken.None);

        new OAuthSigner().TryCreateSignatureBase(wire, out var signatureBase, out _).Should().BeTrue();
        signatureBase!.NormalizedParameters.Should().Contain("oauth_nonce=n", "Core decodes the name to a protocol parameter");
        WireRequestReader.CarriesOAuth(request, wire, MaxFormBodyLength).Should().BeTrue("Core reads an oauth_ parameter in this body, so the request is not anonymous");
    }

    private static HttpRequest FormPost(Stream body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("shop.example.com");
        context.Request.Path = "/rest/V1/products";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = body;
        return context.Request;
    }

    /// <summary>A read-only stream that counts what is read from it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
