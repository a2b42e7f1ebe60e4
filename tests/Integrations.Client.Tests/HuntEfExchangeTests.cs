using Integrations.Client.EntityFrameworkCore;
using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;
using Integrations.Security;
using Integrations.Storage.Specification.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Client.Tests;

/// <summary>The token exchange storing its connection in the Entity Framework Core store on PostgreSQL.</summary>
public sealed class HuntEfExchangeTests
{
    private const string Key = "m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d";
    private const string Secret = "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7";
    private const string Verifier = "v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6";

    public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationConnectionsConfiguration();
    }

    [Fact]
    [RequiresPostgreSql]
    public async Task Hunt_an_access_token_the_exchange_accepts_is_stored_by_the_entity_framework_core_store_on_postgresql()
    {
        // the shop issues an access token secret of 400 characters: the exchange takes token answers up to 4 KB
        var tokenSecret = new string('s', 400);
        var shop = LoopbackApp.CreateBuilder().Build();
        shop.MapPost("/oauth/token/request", () => Results.Text("oauth_token=requesttoken&oauth_token_secret=requestsecret", "application/x-www-form-urlencoded"));
        shop.MapPost("/oauth/token/access", () => Results.Text("oauth_token=accesstoken&oauth_token_secret=" + tokenSecret, "application/x-www-form-urlencoded"));
        await shop.StartAsync();
        await using var disposeShop = shop;
        var address = LoopbackApp.AddressOf(shop);

        var server = Environment.GetEnvironmentVariable("TEST_PG");
        server.Should().NotBeNullOrEmpty();
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = "client_" + Guid.NewGuid().ToString("N") }.ConnectionString;
        var events = new List<IntegrationConnectionEvent>();
        var services = new ServiceCollection();
        services.AddDbContext<AppDbContext>(o => o.UseNpgsql(connectionString));
        services.AddIntegrationConnectionsEntityFrameworkCoreStore<AppDbContext>();
        services.AddIntegrationsClient(o =>
        {
            o.AllowedStoreBaseUrls.Add(address);
            o.AllowInsecureStoreUrls = true;
        });
        services.Configure<SecretProtectionOptions>(o => o.UseEphemeralKey = true);
        services.AddSingleton<IIntegrationConnectionObserver>(new Recording(events));
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreatedAsync();
        }

        try
        {
            await provider.GetRequiredService<TokenExchangeWorker>().RunAsync(new ReceivedCredentials(Key, Secret, address, Verifier), CancellationToken.None);

            // the shop issued the token (and spent the verifier): the save failed with "value too long for type
            // character varying(512)" (SQLite and the in-memory store keep it), so the connection was lost
            var outcome = events.Should().ContainSingle().Which;
            outcome.Kind.Should().Be(IntegrationConnectionEventKind.Connected, outcome.Reason + " " + outcome.Exception?.InnerException?.Message);
        }
        finally
        {
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureDeletedAsync();
        }
    }

    private sealed class Recording(List<IntegrationConnectionEvent> events) : IIntegrationConnectionObserver
    {
        public Task OnConnectionEventAsync(IntegrationConnectionEvent connectionEvent, CancellationToken cancellationToken)
        {
            events.Add(connectionEvent);
            return Task.CompletedTask;
        }
    }
}
