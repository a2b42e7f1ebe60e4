using System.Data.Common;
using Integrations.Samples.Shop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.EndToEnd.Tests;

/// <summary>The shop's guest access switch kept in PostgreSQL, raced against its own refresh.</summary>
public sealed class PostgreSqlGuestAccessTests
{
    [Fact]
    public async Task A_refresh_that_read_the_database_before_a_save_does_not_undo_it_on_the_saving_instance()
    {
        await using var database = new ShopPostgreSqlDatabase();
        await using (var server = new NpgsqlConnection(Environment.GetEnvironmentVariable("TEST_PG")))
        {
            await server.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", server).ExecuteNonQueryAsync();
        }

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand(PostgreSqlGuestAccess.CreateTableSql, connection).ExecuteNonQueryAsync();
        }

        var pause = new PauseAfterFirstSettingRead();
        await using var services = new ServiceCollection()
            .AddDbContext<ShopDbContext>(options => options.UseNpgsql(database.ConnectionString).AddInterceptors(pause))
            .BuildServiceProvider();
        var setting = new PostgreSqlGuestAccess(services.GetRequiredService<IServiceScopeFactory>(), new ConfigurationBuilder().Build(), new FrozenTime());

        var request = Task.Factory.StartNew(() => setting.IsEnabled, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        pause.Read.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("the refresh reads the setting (off: nothing saved yet)");
        setting.Set(true);
        pause.Release.Set();
        await request;

        setting.IsEnabled.Should().BeTrue("the instance that saves the switch applies it at once");
    }

    /// <summary>Holds the first query of the setting after it has read the database, until released.</summary>
    private sealed class PauseAfterFirstSettingRead : DbCommandInterceptor
    {
        private int _paused;

        public ManualResetEventSlim Read { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            if (command.CommandText.Contains("shop_setting", StringComparison.Ordinal) && Interlocked.Exchange(ref _paused, 1) == 0)
            {
                Read.Set();
                Release.Wait(TimeSpan.FromSeconds(30));
            }

            return result;
        }
    }

    /// <summary>A clock that does not move, so the snapshot never expires during the test.</summary>
    private sealed class FrozenTime : TimeProvider
    {
        private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
