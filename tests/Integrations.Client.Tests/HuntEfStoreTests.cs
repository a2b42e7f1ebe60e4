using System.Data.Common;
using Integrations.Client.Connections;
using Integrations.Client.EntityFrameworkCore;
using Integrations.Storage.Specification.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Integrations.Client.Tests;

/// <summary>The Entity Framework Core connection store on PostgreSQL when two instances save the same consumer key at once.</summary>
public sealed class HuntEfStoreTests
{
    public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationConnectionsConfiguration();
    }

    private static IntegrationConnection Connection(string token) => new()
    {
        ConsumerKey = "m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d",
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
    public async Task Hunt_two_instances_saving_the_same_new_consumer_key_at_once_both_succeed_and_the_last_save_is_kept_on_postgresql()
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
            // instance A looks the key up (none yet), instance B saves it meanwhile (both exchanges of one callback
            // posted twice, received by two instances behind a load balancer), then A stores its own
            var pause = new PauseAfterFirstRead();
            await using var first = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).AddInterceptors(pause).Options);
            await using var second = new AppDbContext(options);
            var saving = new EfCoreIntegrationConnectionStore<AppDbContext>(first).SaveAsync(Connection("v1:token-of-a"), CancellationToken.None).AsTask();
            await pause.Read.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await new EfCoreIntegrationConnectionStore<AppDbContext>(second).SaveAsync(Connection("v1:token-of-b"), CancellationToken.None);
            pause.Release.SetResult();

            var save = () => saving;

            await save.Should().NotThrowAsync("SaveAsync stores a connection 'replacing the one of the same consumer key'; the insert of a key saved meanwhile threw DbUpdateException (duplicate key)");
            await using var read = new AppDbContext(options);
            (await new EfCoreIntegrationConnectionStore<AppDbContext>(read).FindAsync("m8w1xq7d0c5v3n2b9z4l6k1j0h8g7f5d", CancellationToken.None))!.ProtectedAccessToken.Should().Be("v1:token-of-a");
        }
        finally
        {
            await using var drop = new AppDbContext(options);
            await drop.Database.EnsureDeletedAsync();
        }
    }
}
