using System.Net;
using System.Net.Sockets;
using System.Text;
using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;
using Integrations.Security;
using Integrations.Storage.Specification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Client.Tests;

/// <summary>What the client package's log lines carry of the text an unauthenticated caller posts.</summary>
public sealed class LogInjectionTests
{
    private const string Key = "m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d";

    [Theory]
    [InlineData(false, false)] // the shop is not expected: refused at Warning (event 8002), the URL in the reason
    [InlineData(true, false)] // AcceptAnyStore: received at Information (event 8001), the URL as a field
    [InlineData(false, true)] // the separator percent-encoded in the URL: Uri.ToString() unescapes it
    [InlineData(true, true)]
    public async Task A_store_base_url_with_a_line_separator_cannot_forge_a_line_in_the_log(bool acceptAnyStore, bool percentEncoded)
    {
        var logs = new CapturedLogs();
        await using var app = await ReceiverApp.StartAsync(
            o =>
            {
                if (acceptAnyStore)
                {
                    o.AcceptAnyStore = true;
                }
                else
                {
                    o.AllowedStoreBaseUrls.Add(new Uri("https://shop.example.com/"));
                }
            },
            services => services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        // anyone on the internet can post to the callback URL: U+2028 (a line break to log viewers, as LogText and the
        // draft validator treat it) percent-encoded in the path of store_base_url
        var separator = percentEncoded ? "%E2%80%A8" : "\u2028";
        var forged = Uri.EscapeDataString("https://evil.example/x" + separator + "[Warning] Admin 'root' failed the password confirmation for delete.");
        using var http = new HttpClient();
        using var content = new StringContent(
            $"oauth_consumer_key={Key}&oauth_consumer_secret=p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7&store_base_url={forged}&oauth_verifier=v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6",
            Encoding.ASCII,
            "application/x-www-form-urlencoded");

        using var answer = await http.PostAsync(app.CallbackUrl, content);
        await app.NextEventAsync();

        logs.Entries.Where(e => e.Category.StartsWith("Integrations", StringComparison.Ordinal))
            .Should().NotContain(e => e.Message.Contains('\u2028') || e.Message.Contains('\u2029'), "a caller's text must not start a forged line in the log");
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nno colon \u001b[2J\u001b[31mforged\r\n\r\n")] // .NET quotes the invalid header line in its message
    [InlineData("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 58\r\n\r\noauth_problem=refused%0A%1B%5B31m%5BWarning%5D+forged+line")] // the shop's phrase
    public async Task A_shops_answer_with_control_characters_does_not_write_them_to_the_exchange_failure_log(string answer)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var shop = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[16384]);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
            await stream.FlushAsync();
            await Task.Delay(500);
        });
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddIntegrationsClient(o =>
        {
            o.AllowedStoreBaseUrls.Add(shop);
            o.AllowInsecureStoreUrls = true;
        });
        services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TokenExchangeWorker>().RunAsync(new ReceivedCredentials(Key, "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7", shop, "v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6"), CancellationToken.None);
        await server;

        logs.Entries.Where(e => e.EventId == 8004).Should().ContainSingle()
            .Which.Message.Should().NotContainAny(["\u001b", "\n", "\r"], "the shop's text must not write control characters or start a forged line in the app's log");
    }
}
