using System.Threading.RateLimiting;
using Integrations.Security;
using Microsoft.Extensions.Options;

namespace Integrations.AspNetCore.Admin.Security;

/// <summary>
/// Runs the host's password checks with the lockout and a bounded concurrency: at most
/// <see cref="IntegrationsAdminOptions.MaxConcurrentPasswordChecks"/> checks run at once on the thread pool, up to
/// <see cref="IntegrationsAdminOptions.PasswordCheckQueueLimit"/> wait for a turn without holding a thread, and
/// any further check is refused at once. A flood of password attempts thus keeps its cost to a fixed share of the
/// machine; signed API calls, which never check passwords, keep the rest.
/// </summary>
internal sealed class AdminPasswordChecks : IDisposable
{
    private readonly ConcurrencyLimiter limiter;
    private readonly AdminPasswordLockout lockout;

    public AdminPasswordChecks(IOptions<IntegrationsAdminOptions> options, AdminPasswordLockout lockout)
    {
        this.lockout = lockout;
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MaxConcurrentPasswordChecks,
            QueueLimit = options.Value.PasswordCheckQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Checks a password with the host's verifier.</summary>
    /// <exception cref="AdminLockedOutException">The admin is locked (before the check, or by this failure).</exception>
    /// <exception cref="AdminPasswordCheckUnavailableException">Too many checks are running and waiting.</exception>
    public async ValueTask<bool> VerifyAsync(IAdminPasswordVerifier verifier, AdminConfirmation confirmation, CancellationToken cancellationToken)
    {
        if (lockout.IsLockedOut(confirmation.AdminId))
        {
            throw new AdminLockedOutException();
        }

        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new AdminPasswordCheckUnavailableException();
        }

        if (lockout.IsLockedOut(confirmation.AdminId))
        {
            throw new AdminLockedOutException(); // locked while this check waited for its turn: a burst of guesses gets no more tries
        }

        // Off the request's thread: a verifier that hashes synchronously holds a pool thread only while it has a turn.
        var verified = await Task.Run(() => verifier.VerifyAsync(confirmation, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        lockout.Record(confirmation.AdminId, verified);
        if (!verified && lockout.IsLockedOut(confirmation.AdminId))
        {
            throw new AdminLockedOutException();
        }

        return verified;
    }

    public void Dispose() => limiter.Dispose();
}
