using System.Data.Common;
using Integrations.Client.Connections;
using Integrations.Client.EntityFrameworkCore;
using Integrations.Client.Onboarding;
using Integrations.Client.Tests.Infrastructure;
using Integrations.Security;
using Integrations.Storage.Specification.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Client.Tests;

/// <summary>The Entity Framework Core connection store on PostgreSQL: two instances saving one consumer key at once, and what the exchange accepts.</summary>
public sealed class EfConnectionStorePostgreSqlTests
{
    private const string Key = "m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d";
    private const string Secret = "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h7";
    private const string Verifier = "v1e2r3i4f5i6e7r8v9e0r1i2f3i4e5r6";

    public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationConnectionsConfiguration();
    }

    private static IntegrationConnection Connection(string token) => new()
    {
        ConsumerKey = Key,
        StoreBaseUrl = new Uri("https://shop.example.com/"),
        ProtectedConsumerSecret = "v1:consumer-secret",
        ProtectedAccessToken = token,
        ProtectedAccessTokenSecret = "v1:token-secret",
        ConnectedAt = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero),
        AuthorizedAt = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero),
    };

    /// <summary>Holds the first query of its context (the save's look-up) once it has read, until released.</summary>
    private sealed class PauseAfterFirstRead : DbCommandInterceptor
    {
        private int _reads;
        public TaskCompletionSource Read { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _reads) == 1)
            {
                Read.TrySetResult();
                await Release.Task;
            }

            return result;
        }
    }

    [Fact]
    [RequiresPostgreSql]
    public async Task Two_instances_saving_the_same_new_consumer_key_at_once_both_succeed_and_the_last_save_is_kept_on_postgresql()
    {
        await InNewDatabaseAsync(async (connectionString, options) =>
        {
            // instance A looks the key up (none yet), instance B saves it meanwhile (both exchanges of one callback
            // posted twice, received by two instances behind a load balancer), then A stores its own
            var save = await SaveRacedByAnotherInstanceAsync(connectionString, options);

            await save.Should().NotThrowAsync("SaveAsync stores a connection 'replacing the one of the same consumer key'; the insert of a key saved meanwhile threw DbUpdateException (duplicate key)");
            await using var read = new AppDbContext(options);
            (await new EfCoreIntegrationConnectionStore<AppDbContext>(read).FindAsync(Key, CancellationToken.None))!.ProtectedAccessToken.Should().Be("v1:token-of-a");
        });
    }

    /// <summary>When the save's insert fails, deletes the row it conflicted with (the other instance's connection removed meanwhile).</summary>
    private sealed class DeleteConflictingRowOnFailedSave(DbContextOptions<AppDbContext> options) : SaveChangesInterceptor
    {
        public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var other = new AppDbContext(options);
            await new EfCoreIntegrationConnectionStore<AppDbContext>(other).DeleteAsync(Key, CancellationToken.None);
        }
    }

    [Fact]
    [RequiresPostgreSql]
    public async Task A_save_whose_conflicting_row_is_deleted_before_it_is_read_again_still_stores_the_connection_on_postgresql()
    {
        await InNewDatabaseAsync(async (connectionString, options) =>
        {
            // A looks the key up (none), B stores it, A's insert fails on the duplicate key, and B's row is removed
            // (disconnected) before A reads it again: A's connection must still be stored, as SaveAsync promises
            var save = await SaveRacedByAnotherInstanceAsync(connectionString, options, new DeleteConflictingRowOnFailedSave(options));

            await save.Should().NotThrowAsync("the row the insert conflicted with is gone: the connection is inserted again, not lost with a DbUpdateException");
            await using var read = new AppDbContext(options);
            (await new EfCoreIntegrationConnectionStore<AppDbContext>(read).FindAsync(Key, CancellationToken.None))!.ProtectedAccessToken.Should().Be("v1:token-of-a");
        });
    }

    /// <summary>Runs <paramref name="test"/> on a database of its own (its connection string and context options), dropped after.</summary>
    private static async Task InNewDatabaseAsync(Func<string, DbContextOptions<AppDbContext>, Task> test)
    {
        var server = Environment.GetEnvironmentVariable("TEST_PG");
        server.Should().NotBeNullOrEmpty();
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = "client_" + Guid.NewGuid().ToString("N") }.ConnectionString;
        var options = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options;
        await using (var db = new AppDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        try
        {
            await test(connectionString, options);
        }
        finally
        {
            await using var drop = new AppDbContext(options);
            await drop.Database.EnsureDeletedAsync();
        }
    }

    /// <summary>
    /// Instance A (a context with <paramref name="moreOfA"/> as further interceptors) saves the connection with token
    /// <c>v1:token-of-a</c>, held after its look-up while instance B saves <c>v1:token-of-b</c>; answers A's save, to assert on.
    /// </summary>
    private static async Task<Func<Task>> SaveRacedByAnotherInstanceAsync(string connectionString, DbContextOptions<AppDbContext> options, params IInterceptor[] moreOfA)
    {
        var pause = new PauseAfterFirstRead();
        await using var first = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).AddInterceptors([pause, .. moreOfA]).Options);
        await using var second = new AppDbContext(options);
        var saving = new EfCoreIntegrationConnectionStore<AppDbContext>(first).SaveAsync(Connection("v1:token-of-a"), CancellationToken.None).AsTask();
        await pause.Read.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await new EfCoreIntegrationConnectionStore<AppDbContext>(second).SaveAsync(Connection("v1:token-of-b"), CancellationToken.None);
        pause.Release.SetResult();
        try
        {
            await saving;
            return () => Task.CompletedTask;
        }
        catch (Exception exception)
        {
            return () => Task.FromException(exception);
        }
    }

    [Fact]
    [RequiresPostgreSql]
    public async Task An_access_token_the_exchange_accepts_is_stored_by_the_entity_framework_core_store_on_postgresql()
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
