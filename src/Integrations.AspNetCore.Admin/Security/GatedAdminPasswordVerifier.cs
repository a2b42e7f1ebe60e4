using Integrations.Security;

namespace Integrations.AspNetCore.Admin.Security;

/// <summary>
/// The <see cref="IAdminPasswordVerifier"/> the library uses once the admin is added: the host's own verifier run
/// through <see cref="AdminPasswordChecks"/> (lockout, bounded concurrency), so saves, deletes, reveals, Allow and
/// Reauthorize all count towards the lockout.
/// </summary>
internal sealed class GatedAdminPasswordVerifier(IAdminPasswordVerifier hostVerifier, AdminPasswordChecks checks) : IAdminPasswordVerifier
{
    public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        return checks.VerifyAsync(hostVerifier, confirmation, cancellationToken);
    }
}
