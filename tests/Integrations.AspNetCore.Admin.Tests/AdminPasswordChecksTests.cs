using Integrations.AspNetCore.Admin;
using Integrations.AspNetCore.Admin.Security;
using Integrations.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

// NSubstitute configures and checks the verifier by calling it: those ValueTasks are never consumed.
#pragma warning disable CA2012

namespace Integrations.AspNetCore.Admin.Tests;

public sealed class AdminPasswordChecksTests
{
    private static readonly AdminConfirmation Alice = new("alice", "secret");
    private readonly IAdminPasswordVerifier hostVerifier = Substitute.For<IAdminPasswordVerifier>();

    [Fact]
    public async Task Beyond_the_running_and_waiting_checks_a_check_is_refused_at_once_and_not_counted()
    {
        var options = new IntegrationsAdminOptions { MaxConcurrentPasswordChecks = 1, PasswordCheckQueueLimit = 1 };
        var (checks, lockout) = Create(options);
        var release = new TaskCompletionSource<bool>();
        hostVerifier.VerifyAsync(Arg.Any<AdminConfirmation>(), Arg.Any<CancellationToken>()).Returns(new ValueTask<bool>(release.Task));

        var running = checks.VerifyAsync(hostVerifier, Alice, CancellationToken.None).AsTask();
        var waiting = checks.VerifyAsync(hostVerifier, Alice, CancellationToken.None).AsTask();
        var refused = () => checks.VerifyAsync(hostVerifier, Alice, CancellationToken.None).AsTask();

        await refused.Should().ThrowAsync<AdminPasswordCheckUnavailableException>();
        release.SetResult(true);
        (await running).Should().BeTrue();
        (await waiting).Should().BeTrue();
        lockout.IsLockedOut("alice").Should().BeFalse();
    }

    [Fact]
    public async Task A_locked_admin_is_refused_without_asking_the_host()
    {
        var (checks, _) = Create(new IntegrationsAdminOptions { LockoutFailures = 2 });
        hostVerifier.VerifyAsync(Arg.Any<AdminConfirmation>(), Arg.Any<CancellationToken>()).Returns(false);

        (await checks.VerifyAsync(hostVerifier, Alice, CancellationToken.None)).Should().BeFalse();
        var second = () => checks.VerifyAsync(hostVerifier, Alice, CancellationToken.None).AsTask();
        await second.Should().ThrowAsync<AdminLockedOutException>().WithMessage("Your account is temporarily disabled. Please try again later.");
        hostVerifier.ClearReceivedCalls();

        var third = () => checks.VerifyAsync(hostVerifier, Alice, CancellationToken.None).AsTask();
        await third.Should().ThrowAsync<AdminLockedOutException>();
        await hostVerifier.DidNotReceiveWithAnyArgs().VerifyAsync(default!, default);
    }

    [Fact]
    public async Task Checks_that_waited_for_a_turn_while_the_admin_got_locked_are_refused_without_asking_the_host()
    {
        // one check at a time, ten waiting; the second wrong password locks the admin
        var (checks, lockout) = Create(new IntegrationsAdminOptions { LockoutFailures = 2, MaxConcurrentPasswordChecks = 1, PasswordCheckQueueLimit = 10 });
        var answer = new TaskCompletionSource<bool>();
        var asked = 0;
        hostVerifier.VerifyAsync(Arg.Any<AdminConfirmation>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            Interlocked.Increment(ref asked);
            return new ValueTask<bool>(answer.Task);
        });

        // eight guesses at once: all are queued before the first is answered
        var guesses = Enumerable.Range(0, 8).Select(_ => OutcomeAsync(checks.VerifyAsync(hostVerifier, Alice, CancellationToken.None))).ToList();
        answer.SetResult(false);
        var outcomes = await Task.WhenAll(guesses);

        outcomes.Should().Equal(["refused", "locked", "locked", "locked", "locked", "locked", "locked", "locked"]);
        asked.Should().Be(2, "once the admin is locked no further password is tried (all eight were before)");
        lockout.IsLockedOut(Alice.AdminId).Should().BeTrue();

        static async Task<string> OutcomeAsync(ValueTask<bool> check)
        {
            try
            {
                return await check ? "verified" : "refused";
            }
            catch (AdminLockedOutException)
            {
                return "locked";
            }
        }
    }

    private static (AdminPasswordChecks Checks, AdminPasswordLockout Lockout) Create(IntegrationsAdminOptions options)
    {
        var lockout = new AdminPasswordLockout(new OptionsMonitorStub<IntegrationsAdminOptions>(options), new FakeTimeProvider());
        return (new AdminPasswordChecks(Options.Create(options), lockout), lockout);
    }
}
