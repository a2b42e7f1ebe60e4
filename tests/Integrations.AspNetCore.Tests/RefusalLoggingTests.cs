using System.Net;
using Integrations.AspNetCore.Tests.Infrastructure;
using Integrations.Model;
using Integrations.Storage.Specification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.AspNetCore.Tests;

/// <summary>What a refused API call leaves in the host's log, all providers and levels captured.</summary>
public sealed class RefusalLoggingTests
{
    [Fact]
    public async Task A_refused_call_is_one_Debug_line_of_the_library_and_its_text_forges_no_line_anywhere()
    {
        var logs = new CapturedLogs();
        await using var host = await KestrelHost.StartAsync(b => b.AddShopResources(), ShopEndpoints.Map, s => s
            .AddSingleton<ILoggerProvider>(logs)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace)));
        var draft = new IntegrationDraft { Name = "Acme", ResourceAccess = ResourceAccess.All };
        var acme = await host.CreateActiveIntegrationAsync(draft);
        var request = await new OAuthClient(host, acme.Credentials).SignAsync(new HttpRequestMessage(HttpMethod.Get, "rest/V1/products"));
        var forged = request.Headers.Authorization!.ToString()
            .Replace("oauth_version=\"1.0\"", "oauth_version=\"1.0%0D%0A2026-12-06 fail: Security[0] forged line\"", StringComparison.Ordinal);
        forged.Should().Contain("forged");
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", forged);
        var before = logs.Entries.Count;

        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var lines = logs.Entries.Skip(before).ToList();
        var own = lines.Where(e => e.Category.StartsWith("Integrations.", StringComparison.Ordinal)).Should().ContainSingle("one line per refused call").Subject;
        own.Level.Should().Be(LogLevel.Debug);
        own.Text.Should().NotContain("\n").And.NotContain("\r");
        lines.Should().NotContain(e => e.Text.Contains("forged", StringComparison.Ordinal),
            "the caller's text reaches no log line, not even the framework's, which gets the problem code only");
    }
}
