using System.Data.Common;
using Integrations.AspNetCore.Admin.Settings;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Shop.Data;

/// <summary>
/// The "Allow Anonymous Guest Access" setting in the shop's database (table <c>shop_setting</c>, SQLite or
/// PostgreSQL), so it survives a restart and, on PostgreSQL, switching it on one shop instance switches it on all of
/// them: the instance that saves it applies it at once, the others within <see cref="RefreshInterval"/>. Requests
/// only read the value in memory (<see cref="IsEnabled"/>, no I/O, never fails); this background service reads the
/// database once at start-up and then every <see cref="RefreshInterval"/>. A failed read (the database is down) keeps
/// the last known value and is logged once per outage, not per read. Until an admin saves it,
/// <c>Shop:AllowAnonymousGuestAccess</c> gives the value.
/// </summary>
internal sealed partial class ShopGuestAccess(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<ShopGuestAccess> logger) : BackgroundService, IGuestAccessSwitch
{
    /// <summary>The value until an admin saves one.</summary>
    public const string InitialValueSetting = "Shop:AllowAnonymousGuestAccess";

    /// <summary>Creates the settings table when missing (run by <see cref="ShopDatabaseInitializer"/>; SQLite and PostgreSQL alike).</summary>
    public const string CreateTableSql = "CREATE TABLE IF NOT EXISTS shop_setting (name text PRIMARY KEY, value boolean NOT NULL)";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private const string SettingName = "allow_anonymous_guest_access";
    private readonly bool initialValue = configuration.GetValue<bool>(InitialValueSetting);
    private Snapshot current = new(configuration.GetValue<bool>(InitialValueSetting));
    private int failing;

    public bool IsEnabled => Volatile.Read(ref current).Enabled;

    public async Task<bool> SetAsync(bool enabled, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.ExecuteSqlAsync(
                $"INSERT INTO shop_setting (name, value) VALUES ({SettingName}, {enabled}) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                cancellationToken);
        }
        catch (Exception exception) when (IsDatabaseError(exception))
        {
            LogSaveFailed(logger, exception);
            return false;
        }

        Volatile.Write(ref current, new Snapshot(enabled));
        return true;
    }

    /// <summary>
    /// Reads the saved value into memory. Does not throw for a database error (down, unreachable, timed out): it
    /// keeps the last known value and logs the first failure of an outage (and, later, that the setting is read again).
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var seen = Volatile.Read(ref current);
        List<bool> stored;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            stored = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database
                .SqlQuery<bool>($"SELECT value AS \"Value\" FROM shop_setting WHERE name = {SettingName}")
                .ToListAsync(cancellationToken);
        }
        catch (Exception exception) when (IsDatabaseError(exception))
        {
            if (Interlocked.Exchange(ref failing, 1) == 0)
            {
                LogReadFailed(logger, exception);
            }

            return;
        }

        if (Interlocked.Exchange(ref failing, 0) == 1)
        {
            LogReadAgain(logger);
        }

        // publish only over the snapshot this read started from: a save meanwhile (whose value may be newer than
        // what this query saw) wins
        Interlocked.CompareExchange(ref current, new Snapshot(stored.Count == 0 ? initialValue : stored[0]), seen);
    }

    /// <summary>Reads the setting before the shop takes requests (after <see cref="ShopDatabaseInitializer"/> created its table).</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the shop is stopping
        }
    }

    /// <summary>A database error, as the provider throws it or as EF's execution strategy wraps a transient one.</summary>
    private static bool IsDatabaseError(Exception exception) =>
        exception is DbException or InvalidOperationException { InnerException: DbException };

    [LoggerMessage(1, LogLevel.Warning, "The guest access setting could not be read from the database; the last known value stays in use until it can")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "The guest access setting is read from the database again")]
    private static partial void LogReadAgain(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning, "The guest access setting could not be saved to the database")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception);

    private sealed record Snapshot(bool Enabled);
}
