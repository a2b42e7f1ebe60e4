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

    private static (AdminPasswordChecks Checks, AdminPasswordLockout Lockout) Create(IntegrationsAdminOptions options)
    {
        var lockout = new AdminPasswordLockout(new OptionsMonitorStub<IntegrationsAdminOptions>(options), new FakeTimeProvider());
        return (new AdminPasswordChecks(Options.Create(options), lockout), lockout);
    }
}
