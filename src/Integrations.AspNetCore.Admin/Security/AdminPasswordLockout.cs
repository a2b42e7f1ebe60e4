using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Admin.Security;

/// <summary>
/// Counts wrong passwords per admin and locks an admin after <see cref="IntegrationsAdminOptions.LockoutFailures"/>
/// in a row for <see cref="IntegrationsAdminOptions.LockoutDuration"/> (Magento's admin lockout). A right password
/// clears the count. Kept in memory per process: a host with several instances locks per instance.
/// </summary>
public sealed class AdminPasswordLockout
{
    /// <summary>What the pages say to a locked admin (Magento's text).</summary>
    public const string LockedMessage = "Your account is temporarily disabled. Please try again later.";

    /// <summary>Admins with failures tracked at most; beyond, the counts of admins not locked now are dropped (a flood of made-up names stays bounded).</summary>
    internal const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<IntegrationsAdminOptions> options;
    private readonly TimeProvider time;

    /// <summary>Creates the lockout.</summary>
    /// <param name="options">The lockout thresholds.</param>
    /// <param name="time">The clock.</param>
    public AdminPasswordLockout(IOptionsMonitor<IntegrationsAdminOptions> options, TimeProvider time)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>How many admins have failures counted.</summary>
    internal int TrackedCount => entries.Count;

    /// <summary>Whether the admin is locked now.</summary>
    /// <param name="adminId">The host's identifier of the admin.</param>
    /// <returns><see langword="true"/> while the lockout lasts.</returns>
    public bool IsLockedOut(string adminId)
    {
        ArgumentNullException.ThrowIfNull(adminId);
        return entries.TryGetValue(adminId, out var entry) && entry.LockedUntil > time.GetUtcNow();
    }

    /// <summary>Records the outcome of a password check.</summary>
    /// <param name="adminId">The host's identifier of the admin.</param>
    /// <param name="verified">Whether the password was right.</param>
    public void Record(string adminId, bool verified)
    {
        ArgumentNullException.ThrowIfNull(adminId);
        if (verified)
        {
            entries.TryRemove(adminId, out _);
            return;
        }

        var current = options.CurrentValue;
        var now = time.GetUtcNow();
        if (entries.Count >= MaxTracked)
        {
            foreach (var (id, entry) in entries)
            {
                if (entry.LockedUntil <= now)
                {
                    entries.TryRemove(id, out _);
                }
            }
        }

        entries.AddOrUpdate(
            adminId,
            static (_, state) => Next(new Entry(0, DateTimeOffset.MinValue), state.Now, state.Options),
            static (_, entry, state) => Next(entry, state.Now, state.Options),
            (Now: now, Options: current));
    }

    private static Entry Next(Entry entry, DateTimeOffset now, IntegrationsAdminOptions options)
    {
        // A lockout that has ended starts the count again.
        var failures = entry.LockedUntil != DateTimeOffset.MinValue && entry.LockedUntil <= now ? 1 : entry.Failures + 1;
        return failures >= options.LockoutFailures
            ? new Entry(failures, options.LockoutDuration < DateTimeOffset.MaxValue - now ? now + options.LockoutDuration : DateTimeOffset.MaxValue) // TimeSpan.MaxValue: for good
            : new Entry(failures, entry.LockedUntil <= now ? DateTimeOffset.MinValue : entry.LockedUntil);
    }

    private readonly record struct Entry(int Failures, DateTimeOffset LockedUntil);
}
