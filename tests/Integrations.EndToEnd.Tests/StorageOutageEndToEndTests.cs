using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using Integrations.AspNetCore;
using Integrations.AspNetCore.Authorization;
using Integrations.AspNetCore.Endpoints;
using Integrations.Client.Signing;
using Integrations.Diagnostics;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Storage.EfCore;
using Integrations.Storage.Specification.PostgreSql;
using Integrations.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using FluentAssertions.Execution;
using Xunit.Abstractions;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// The database stopped mid-run, end to end: a host wired as the adapter's README shows it (the integrations scheme,
/// one guarded endpoint, the token endpoints), on real Kestrel (127.0.0.1), with the EF Core stores on a pooled context
/// over a PostgreSQL server the test starts, stops (<c>pg_ctl stop -m fast</c>) and starts again. While it is down,
/// signed API calls and token exchanges are answered <c>503</c> with <c>Retry-After</c> within
/// <see cref="StorageOptions.OperationTimeout"/>, and the outage costs at most two log lines (a warning when it starts,
/// an information line when it ends, no stack trace), counting the library's own lines and anything at Warning or above;
/// once the server accepts connections again, the very next signed call succeeds, within 2 s. Then the server restarts
/// while the host is idle, so that every connection in its pool is dead (57P01): the next signed call is served too.
/// </summary>
[RequiresPostgreSql]
public sealed class StorageOutageEndToEndTests(ITestOutputHelper output)
{
    private const string Products = "Shop_Catalog::products";
    private const string Database = "shop";
    private const string AvailabilityCategory = "Integrations.Stores.StorageAvailability";
    private const int OutageStarted = 1100;
    private const int OutageEnded = 1101;

    /// <summary>How long the stores may take (the bound under test), and the Retry-After sent with a 503.</summary>
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(3);

    /// <summary>What a 503 may take beyond <see cref="OperationTimeout"/> on a loaded two-core machine (HTTP, scheduling).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    /// <summary>The issue's bound: full service within 2 s of the server accepting connections again.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(2);

    /// <summary>How many connections the host's pool holds when the server stops (all dead after it).</summary>
    private const int PooledConnections = 12;

    [Fact]
    public async Task A_database_stopped_mid_run_is_answered_503_with_Retry_After_logged_once_and_served_again_within_2_s_of_its_return()
    {
        var total = Stopwatch.StartNew();
        await using var server = await PostgreSqlServer.StartNewAsync();
        output.WriteLine($"{total.Elapsed.TotalSeconds:0.000} s: PostgreSQL {server.Port} created and started");
        var log = new FakeLogCollector();
        var host = await StartHostAsync(server.ConnectionString(Database), log);
        try
        {
            await RunOutageAsync(server, host, log, total);
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }

    private async Task RunOutageAsync(PostgreSqlServer server, WebApplication host, FakeLogCollector log, Stopwatch total)
    {
        using var refusals = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), IntegrationsTelemetry.MeterName, "integrations.storage.unavailable");
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        var credentials = await CreateActiveIntegrationAsync(host);
        using var client = new SignedClient(address, credentials);

        // Running: signed calls succeed, and the host's pool holds several connections (all of them die with the server).
        (await client.CallApiAsync()).Status.Should().Be(HttpStatusCode.OK);
        (await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.CallApiAsync()))).Should().OnlyContain(a => a.Status == HttpStatusCode.OK);
        await FillConnectionPoolAsync(host, PooledConnections);
        var hostConnections = await HostConnectionsAsync(server);
        output.WriteLine($"{total.Elapsed.TotalSeconds:0.000} s: host running, {hostConnections} connections of the host open on the server");

        // The server stops.
        var outageStart = log.Count;
        await server.StopAsync();
        output.WriteLine($"{total.Elapsed.TotalSeconds:0.000} s: server stopped");

        var outageAnswers = new List<Answer>();
        for (var i = 0; i < 3; i++)
        {
            outageAnswers.Add(await client.CallApiAsync());
        }

        outageAnswers.AddRange(await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.CallApiAsync())));
        var tokenAnswer = await client.RequestTokenAsync();
        Report("during the outage", [.. outageAnswers, tokenAnswer]);

        var duringOutage = Counted(log.GetSnapshot().Skip(outageStart));
        var restartAt = log.Count;

        // The server returns: from the moment it accepts connections, every signed call succeeds, the first one included.
        await server.StartAsync();
        await server.WaitUntilAcceptingAsync(Database, TimeSpan.FromSeconds(30));
        var accepting = Stopwatch.StartNew();
        output.WriteLine($"{total.Elapsed.TotalSeconds:0.000} s: server accepts connections again");
        var first = await client.CallApiAsync();
        var firstAt = accepting.Elapsed;
        var recoveryAnswers = new List<Answer> { first };
        for (var i = 0; i < 3; i++)
        {
            recoveryAnswers.Add(await client.CallApiAsync());
        }

        recoveryAnswers.AddRange(await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.CallApiAsync())));
        var recoveredAt = accepting.Elapsed;
        Report("after the restart", recoveryAnswers);
        output.WriteLine($"first call answered {firstAt.TotalMilliseconds:0} ms after the server accepted connections; {recoveryAnswers.Count} calls in {recoveredAt.TotalMilliseconds:0} ms");
        var afterRestart = Counted(log.GetSnapshot().Skip(restartAt));
        output.WriteLine($"counted log lines during the outage:\n{Describe(duringOutage)}\ncounted log lines after the restart:\n{Describe(afterRestart)}");
        var refused = refusals.GetMeasurementSnapshot().Sum(m => m.Value);

        // The server restarts while the host is idle: every connection in its pool is dead (57P01, server shutdown), and
        // the next signed call must still be served (the stores retry once on a fresh connection).
        await FillConnectionPoolAsync(host, PooledConnections);
        var idleConnections = await HostConnectionsAsync(server);
        var idleRestartAt = log.Count;
        await server.StopAsync();
        await server.StartAsync();
        await server.WaitUntilAcceptingAsync(Database, TimeSpan.FromSeconds(30));
        var acceptingAgain = Stopwatch.StartNew();
        output.WriteLine($"{total.Elapsed.TotalSeconds:0.000} s: server restarted while the host was idle with {idleConnections} pooled connections");
        var firstAfterIdle = await client.CallApiAsync();
        var firstAfterIdleAt = acceptingAgain.Elapsed;
        var afterIdleAnswers = new List<Answer> { firstAfterIdle };
        for (var i = 0; i < 3; i++)
        {
            afterIdleAnswers.Add(await client.CallApiAsync());
        }

        afterIdleAnswers.AddRange(await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.CallApiAsync())));
        Report("after the idle restart", afterIdleAnswers);
        var idleRestartLines = Counted(log.GetSnapshot().Skip(idleRestartAt));
        output.WriteLine($"counted log lines since the idle restart:\n{Describe(idleRestartLines)}");

        // Every expectation is checked, so that one run shows all that differs.
        using (new AssertionScope())
        {
            foreach (var answer in outageAnswers)
            {
                answer.Status.Should().Be(HttpStatusCode.ServiceUnavailable, $"the database is down ({answer})");
                answer.RetryAfter.Should().Be(RetryAfter, $"a 503 tells when to retry ({answer})");
                answer.Body.Should().Contain("temporarily unavailable", answer.ToString());
                answer.Elapsed.Should().BeLessThan(OperationTimeout + Margin, $"the stores are given {OperationTimeout} ({answer})");
            }

            tokenAnswer.Status.Should().Be(HttpStatusCode.ServiceUnavailable, $"the token endpoint cannot read the integration ({tokenAnswer})");
            tokenAnswer.RetryAfter.Should().Be(RetryAfter, tokenAnswer.ToString());
            tokenAnswer.Body.Should().Be("oauth_problem=The+service+is+temporarily+unavailable.+Try+again+later.", "the token endpoints answer an outage with the phrase, as every other problem (Magento's body)");
            tokenAnswer.Elapsed.Should().BeLessThan(OperationTimeout + Margin, tokenAnswer.ToString());

            var startLines = duringOutage.Where(r => r.Category == AvailabilityCategory).ToList();
            startLines.Should().ContainSingle("an outage starts with one line of the library's availability log");
            duringOutage.Except(startLines).Should().BeEmpty($"nothing else is logged during an outage, nothing per request:\n{Describe(duringOutage.Except(startLines).ToList())}");
            foreach (var started in startLines.Take(1))
            {
                started.Level.Should().Be(LogLevel.Warning);
                started.Category.Should().Be(AvailabilityCategory);
                started.Id.Id.Should().Be(OutageStarted);
                started.Exception.Should().BeNull("an outage is logged without a stack trace");
                started.Message.Should().NotContain("   at ", "an outage is logged without a stack trace");
            }

            first.Status.Should().Be(HttpStatusCode.OK, $"the first call after the restart is served although the {hostConnections} connections the host pooled are dead ({first})");
            firstAt.Should().BeLessThan(RecoveryBound, "full service within 2 s of the server accepting connections");
            recoveryAnswers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK, "every call after the restart is served");

            var endLines = afterRestart.Where(r => r.Category == AvailabilityCategory).ToList();
            endLines.Should().ContainSingle("an outage ends with one line of the library's availability log");
            afterRestart.Except(endLines).Should().BeEmpty($"nothing else is logged when the service returns:\n{Describe(afterRestart.Except(endLines).ToList())}");
            foreach (var ended in endLines.Take(1))
            {
                ended.Level.Should().Be(LogLevel.Information);
                ended.Category.Should().Be(AvailabilityCategory);
                ended.Id.Id.Should().Be(OutageEnded);
                ended.Exception.Should().BeNull();
                ended.Message.Should().Contain($"{outageAnswers.Count + 1} requests were answered 503");
            }

            refused.Should().Be(outageAnswers.Count + 1, "every 503 is counted in the meter");

            firstAfterIdle.Status.Should().Be(HttpStatusCode.OK, $"the first call after a restart the host slept through is served although the {idleConnections} connections it pooled are dead ({firstAfterIdle})");
            firstAfterIdleAt.Should().BeLessThan(RecoveryBound, "full service within 2 s of the server accepting connections");
            afterIdleAnswers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK, "every call after the restart is served");
            idleRestartLines.Should().HaveCountLessThanOrEqualTo(2, $"a restart costs at most two log lines:\n{Describe(idleRestartLines)}");
        }

        output.WriteLine($"test body took {total.Elapsed.TotalSeconds:0.000} s");
    }

    private static async Task<WebApplication> StartHostAsync(string connectionString, FakeLogCollector log)
    {
        var builder = WebApplication.CreateSlimBuilder();

        // Logging as a host's appsettings.json template sets it (Information; ASP.NET Core and EF Core from Warning), every line recorded.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddProvider(new FakeLoggerProvider(log));
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

        builder.Services.AddDbContextPool<HostDbContext>(o => o.UseNpgsql(connectionString));
        builder.Services.AddIntegrations()
            .UseEntityFrameworkCoreStores<HostDbContext>()
            .UseAdminPasswordVerifier<AdminPasswordVerifier>()
            .ConfigureSecretProtection(o => o.Keys.Add(new SecretProtectionKey { Id = "outage-1", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }))
            .AddResources(tree => tree.Add("Shop_Catalog::catalog", "Catalog", catalog => catalog.Add(Products, "Products")))
            .UseAspNetCore();
        builder.Services.Configure<StorageOptions>(o =>
        {
            o.OperationTimeout = OperationTimeout;
            o.RetryAfter = RetryAfter;
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/rest/V1/products", (HttpContext c) => "products for " + c.GetIntegration()!.Name).RequireIntegrationResources(Products);
        app.MapIntegrationsOAuthEndpoints();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return app;
    }

    private static async Task<IntegrationCredentials> CreateActiveIntegrationAsync(WebApplication host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
        var draft = new IntegrationDraft { Name = "Outage", ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(Products);
        var created = await service.CreateAsync(draft, AdminPasswordVerifier.Admin);
        var activation = await service.ActivateAsync(created.Id);
        return activation.Credentials; // no callback URL: the access token is issued at once
    }

    /// <summary>Opens <paramref name="count"/> connections of the host's own pool together, then returns them to it idle.</summary>
    private static async Task FillConnectionPoolAsync(WebApplication host, int count)
    {
        var scopes = Enumerable.Range(0, count).Select(_ => host.Services.CreateAsyncScope()).ToList();
        try
        {
            await Task.WhenAll(scopes.Select(async scope =>
            {
                var database = scope.ServiceProvider.GetRequiredService<HostDbContext>().Database;
                await database.OpenConnectionAsync();
                await database.ExecuteSqlRawAsync("SELECT 1");
            }));
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }

    /// <summary>How many sessions other than the probe's own are open on the test database (the host's pooled connections).</summary>
    private static async Task<long> HostConnectionsAsync(PostgreSqlServer server)
    {
        var probe = new NpgsqlConnectionStringBuilder(server.ConnectionString(Database)) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(probe);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The lines that count against an outage: the library's own (at the host's level, Information) and anything at
    /// Warning or above from any category.
    /// </summary>
    private static List<FakeLogRecord> Counted(IEnumerable<FakeLogRecord> records) =>
        records
            .Where(r => r.Level >= LogLevel.Warning || (r.Category?.StartsWith("Integrations.", StringComparison.Ordinal) == true && r.Level >= LogLevel.Information))
            .ToList();

    private static string Describe(List<FakeLogRecord> records) =>
        records.Count == 0
            ? "(none)"
            : string.Join('\n', records.Select(r =>
                $"  {r.Level} {r.Category}[{r.Id.Id}] {r.Message}"
                + (r.Exception is null ? string.Empty : $" | exception {r.Exception.GetType().FullName}: {r.Exception.Message}")));

    private void Report(string phase, IEnumerable<Answer> answers)
    {
        foreach (var answer in answers)
        {
            output.WriteLine($"{phase}: {answer}");
        }
    }

    /// <summary>One HTTP answer as the test saw it.</summary>
    private sealed record Answer(string Call, HttpStatusCode Status, TimeSpan? RetryAfter, string Body, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"{Call}: {(int)Status} in {Elapsed.TotalMilliseconds:0} ms, Retry-After {RetryAfter?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, body {Body}";
    }

    /// <summary>A third party calling the host over HTTP, each request signed now (fresh nonce and timestamp) by the client package's handler.</summary>
    private sealed class SignedClient(Uri address, IntegrationCredentials credentials) : IDisposable
    {
        private readonly HttpClient _http = new(new OAuthSigningHandler("outage", PerRequestCredentialsProvider.Instance, new OAuthSigner(), new OAuthSigningOptions { ThrowOnRejection = false })
        {
            InnerHandler = new SocketsHttpHandler(),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        /// <summary>GET /rest/V1/products signed with the access token.</summary>
        public Task<Answer> CallApiAsync() =>
            SendAsync("GET /rest/V1/products", new HttpRequestMessage(HttpMethod.Get, new Uri(address, "rest/V1/products")).SignedWith(new OAuthClientCredentials
            {
                ConsumerKey = credentials.ConsumerKey,
                ConsumerSecret = credentials.ConsumerSecret,
                Token = credentials.AccessToken,
                TokenSecret = credentials.AccessTokenSecret,
            }));

        /// <summary>POST /oauth/token/request signed with the consumer credentials (an empty form body).</summary>
        public Task<Answer> RequestTokenAsync() =>
            SendAsync("POST /oauth/token/request", new HttpRequestMessage(HttpMethod.Post, new Uri(address, IntegrationsEndpointRouteBuilderExtensions.RequestTokenPath.TrimStart('/')))
            {
                Content = new FormUrlEncodedContent([]),
            }.SignedWith(new OAuthClientCredentials { ConsumerKey = credentials.ConsumerKey, ConsumerSecret = credentials.ConsumerSecret }));

        public void Dispose() => _http.Dispose();

        private async Task<Answer> SendAsync(string call, HttpRequestMessage request)
        {
            using (request)
            {
                var elapsed = Stopwatch.StartNew();
                using var response = await _http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                return new Answer(call, response.StatusCode, response.Headers.RetryAfter?.Delta, body, elapsed.Elapsed);
            }
        }
    }

    /// <summary>One admin whose password confirms the integration's creation.</summary>
    private sealed class AdminPasswordVerifier : IAdminPasswordVerifier
    {
        public static readonly AdminConfirmation Admin = new("admin", "outage-test-password");

        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(confirmation.AdminId == Admin.AdminId && confirmation.Password == Admin.Password);
    }
}
