using System.Data.Common;
using Integrations.Samples.Shop.Data;
using Integrations.Storage.Specification.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integrations.EndToEnd.Tests;

/// <summary>The shop's guest access switch kept in PostgreSQL: raced against its own refresh, and through an outage.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlGuestAccessTests
{
    [Fact]
    public async Task A_refresh_that_read_the_database_before_a_save_does_not_undo_it_on_the_saving_instance()
    {
        await using var database = new ShopPostgreSqlDatabase();
        await CreateSettingTableAsync(database);
        var pause = new PauseAfterFirstSettingRead();
        await using var services = new ServiceCollection()
            .AddDbContext<ShopDbContext>(options => options.UseNpgsql(database.ConnectionString).AddInterceptors(pause))
            .BuildServiceProvider();
        var setting = NewSetting(services, new RecordingLogger());

        var refresh = Task.Run(() => setting.RefreshAsync(CancellationToken.None));
        await pause.Read.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the refresh read the setting (off: nothing saved yet)
        (await setting.SetAsync(true, CancellationToken.None)).Should().BeTrue();
        pause.Release.SetResult();
        await refresh;

        setting.IsEnabled.Should().BeTrue("the instance that saves the switch applies it at once");
    }

    [Fact]
    public async Task During_an_outage_requests_get_the_last_known_value_and_the_failure_is_logged_once()
    {
        await using var database = new ShopPostgreSqlDatabase();
        await CreateSettingTableAsync(database);
        var connectionString = database.ConnectionString;
        await using var services = new ServiceCollection()
            .AddDbContext<ShopDbContext>(options => options.UseNpgsql(connectionString)) // read for every scope
            .BuildServiceProvider();
        var saving = NewSetting(services, new RecordingLogger());
        var logger = new RecordingLogger();
        var reading = NewSetting(services, logger);
        (await saving.SetAsync(true, CancellationToken.None)).Should().BeTrue();
        await reading.RefreshAsync(CancellationToken.None);
        reading.IsEnabled.Should().BeTrue();

        // nothing listens on this port: every read fails at once with a connection error
        connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = LoopbackPort.Next(), Timeout = 5 }.ConnectionString;
        for (var refresh = 0; refresh < 3; refresh++)
        {
            await reading.RefreshAsync(CancellationToken.None);
            reading.IsEnabled.Should().BeTrue("the last known value stays in use");
        }

        (await saving.SetAsync(false, CancellationToken.None)).Should().BeFalse("a save that cannot reach the database says so (the admin page shows it)");
        saving.IsEnabled.Should().BeTrue("what could not be saved is not applied either");
        logger.Entries.Should().ContainSingle().Which.Level.Should().Be(LogLevel.Warning);

        connectionString = database.ConnectionString;
        (await saving.SetAsync(false, CancellationToken.None)).Should().BeTrue();
        await reading.RefreshAsync(CancellationToken.None);
        reading.IsEnabled.Should().BeFalse("the saved value is read again once the database is back");
        logger.Entries.Should().HaveCount(2).And.Subject.Last().Level.Should().Be(LogLevel.Information);
    }

    private static ShopGuestAccess NewSetting(ServiceProvider services, RecordingLogger logger) =>
        new(services.GetRequiredService<IServiceScopeFactory>(), new ConfigurationBuilder().Build(), TimeProvider.System, logger);

    private static async Task CreateSettingTableAsync(ShopPostgreSqlDatabase database)
    {
        await using (var server = new NpgsqlConnection(Environment.GetEnvironmentVariable("TEST_PG")))
        {
            await server.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", server).ExecuteNonQueryAsync();
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand(ShopGuestAccess.CreateTableSql, connection).ExecuteNonQueryAsync();
    }

    /// <summary>Holds the first query of the setting after it has read the database, until released.</summary>
    private sealed class PauseAfterFirstSettingRead : DbCommandInterceptor
    {
        private int _paused;

        public TaskCompletionSource Read { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("shop_setting", StringComparison.Ordinal) && Interlocked.Exchange(ref _paused, 1) == 0)
            {
                Read.SetResult();
                await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return result;
        }
    }

    /// <summary>Keeps what the setting logs.</summary>
    private sealed class RecordingLogger : ILogger<ShopGuestAccess>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
