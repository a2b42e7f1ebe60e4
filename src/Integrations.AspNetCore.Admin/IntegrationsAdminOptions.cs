using Microsoft.AspNetCore.Components;

namespace Integrations.AspNetCore.Admin;

/// <summary>How the integrations admin looks and how it guards the admin's password (<c>AddIntegrationsAdmin</c>).</summary>
public sealed class IntegrationsAdminOptions
{
    /// <summary>
    /// The host's layout the pages render in: a <see cref="LayoutComponentBase"/> (it renders <c>@Body</c>, and
    /// <c>&lt;HeadOutlet /&gt;</c> in its head for the page titles). <see langword="null"/>: a plain page of the package's own.
    /// </summary>
    public Type? Layout { get; set; }

    /// <summary>Wrong passwords in a row after which an admin is locked (Magento's "Maximum Login Failures to Lockout Account": 6).</summary>
    public int LockoutFailures { get; set; } = 6;

    /// <summary>How long a locked admin stays locked (Magento's "Lockout Time": 30 minutes).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Password checks run at the same time at most; the host's verifier is typically a deliberately slow hash, so a
    /// flood of checks must not take every thread from the API. Default: half the processors, at least one.
    /// </summary>
    public int MaxConcurrentPasswordChecks { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Password checks waiting for a turn at most (without a thread); beyond that a check is refused at once.</summary>
    public int PasswordCheckQueueLimit { get; set; } = 64;

    /// <summary>The page sizes the grid offers; the first is the default.</summary>
    public IList<int> PageSizes { get; } = [20, 30, 50, 100, 200];
}
