namespace Integrations.Security;

/// <summary>
/// Checks the acting admin's password. The host implements it against its own user store (and may apply its
/// own lockout rules); the library calls it before saving, deleting or revealing credentials and changes
/// nothing when it answers <see langword="false"/>.
/// </summary>
public interface IAdminPasswordVerifier
{
    /// <summary>Verifies the password of the acting admin.</summary>
    /// <param name="confirmation">The admin and the password typed.</param>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns><see langword="true"/> if the password is the admin's.</returns>
    ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken);
}
