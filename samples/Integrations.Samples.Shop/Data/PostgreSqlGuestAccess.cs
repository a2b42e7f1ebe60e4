using Integrations.Samples.Shop.Admin;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Shop.Data;

/// <summary>
/// The "Allow Anonymous Guest Access" setting in the shop's PostgreSQL database, so switching it on one shop instance
/// switches it on all of them: the instance that saves it applies it at once, the others within
/// <see cref="RefreshInterval"/> (each reads it at most that often, not on every request). Until an admin saves it,
/// <c>Shop:AllowAnonymousGuestAccess</c> gives the value.
/// </summary>
internal sealed class PostgreSqlGuestAccess(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time) : IGuestAccessSwitch
{
    /// <summary>Creates the settings table when missing (run by <see cref="ShopDatabaseInitializer"/> under its lock).</summary>
    public const string CreateTableSql = "CREATE TABLE IF NOT EXISTS shop_setting (name text PRIMARY KEY, value boolean NOT NULL)";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private const string SettingName = "allow_anonymous_guest_access";
    private readonly bool initialValue = configuration.GetValue<bool>(ShopGuestAccess.InitialValueSetting);
    private Snapshot? current;

    public bool IsEnabled
    {
        get
        {
            var now = time.GetUtcNow();
            var seen = Volatile.Read(ref current);
            if (seen is { } snapshot && now - snapshot.ReadAt < RefreshInterval)
            {
                return snapshot.Enabled;
            }

            using var scope = scopes.CreateScope();
            var stored = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database
                .SqlQuery<bool>($"SELECT value AS \"Value\" FROM shop_setting WHERE name = {SettingName}")
                .AsEnumerable()
                .Cast<bool?>()
                .SingleOrDefault();
            // publish only over the snapshot this read started from: a Set meanwhile (whose value may be newer than
            // what this query saw) wins
            var fresh = new Snapshot(stored ?? initialValue, now);
            var published = Interlocked.CompareExchange(ref current, fresh, seen);
            return ReferenceEquals(published, seen) ? fresh.Enabled : published!.Enabled;
        }
    }

    public void Set(bool enabled)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.ExecuteSql(
            $"INSERT INTO shop_setting (name, value) VALUES ({SettingName}, {enabled}) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
        Volatile.Write(ref current, new Snapshot(enabled, time.GetUtcNow()));
    }

    private sealed record Snapshot(bool Enabled, DateTimeOffset ReadAt);
}
