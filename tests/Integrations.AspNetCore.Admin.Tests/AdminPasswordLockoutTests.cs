using Integrations.AspNetCore.Admin;
using Integrations.AspNetCore.Admin.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.AspNetCore.Admin.Tests;

public sealed class AdminPasswordLockoutTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly AdminPasswordLockout lockout;

    public AdminPasswordLockoutTests()
    {
        var options = new OptionsMonitorStub<IntegrationsAdminOptions>(new IntegrationsAdminOptions());
        lockout = new AdminPasswordLockout(options, time);
    }

    [Fact]
    public void Five_failures_keep_the_admin_in_and_the_sixth_locks_for_thirty_minutes()
    {
        Fail("alice", 5);
        lockout.IsLockedOut("alice").Should().BeFalse();

        Fail("alice", 1);
        lockout.IsLockedOut("alice").Should().BeTrue();
        lockout.IsLockedOut("bob").Should().BeFalse("the count is per admin");

        time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        lockout.IsLockedOut("alice").Should().BeTrue();
        time.Advance(TimeSpan.FromSeconds(1));
        lockout.IsLockedOut("alice").Should().BeFalse();
    }

    [Fact]
    public void A_right_password_clears_the_count()
    {
        Fail("alice", 5);
        lockout.Record("alice", verified: true);
        Fail("alice", 5);

        lockout.IsLockedOut("alice").Should().BeFalse();
    }

    [Fact]
    public void After_a_lockout_ends_the_count_starts_again()
    {
        Fail("alice", 6);
        time.Advance(TimeSpan.FromMinutes(31));

        Fail("alice", 5);
        lockout.IsLockedOut("alice").Should().BeFalse();
        Fail("alice", 1);
        lockout.IsLockedOut("alice").Should().BeTrue();
    }

    [Fact]
    public void A_flood_of_made_up_names_stays_bounded_and_keeps_a_locked_admin_locked()
    {
        Fail("alice", 6);
        for (var i = 0; i < AdminPasswordLockout.MaxTracked + 10; i++)
        {
            lockout.Record("guess-" + i, verified: false);
        }

        lockout.TrackedCount.Should().BeLessThanOrEqualTo(AdminPasswordLockout.MaxTracked);
        lockout.IsLockedOut("alice").Should().BeTrue();
    }

    [Fact]
    public void A_lockout_of_TimeSpan_MaxValue_keeps_the_admin_locked_without_overflowing()
    {
        var forever = new AdminPasswordLockout(new OptionsMonitorStub<IntegrationsAdminOptions>(new IntegrationsAdminOptions { LockoutDuration = TimeSpan.MaxValue }), time);

        for (var i = 0; i < 6; i++)
        {
            forever.Record("alice", verified: false);
        }

        time.Advance(TimeSpan.FromDays(3650));
        forever.IsLockedOut("alice").Should().BeTrue();
    }

    private void Fail(string admin, int times)
    {
        for (var i = 0; i < times; i++)
        {
            lockout.Record(admin, verified: false);
        }
    }
}
