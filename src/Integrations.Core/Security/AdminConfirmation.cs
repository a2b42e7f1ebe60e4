namespace Integrations.Security;

/// <summary>
/// The acting admin and the password they typed to confirm a sensitive action (save, delete, reveal credentials).
/// The password is never shown by <see cref="ToString"/>.
/// </summary>
public sealed class AdminConfirmation
{
    /// <summary>Creates a confirmation.</summary>
    /// <param name="adminId">The host's identifier of the acting admin.</param>
    /// <param name="password">The password the admin typed.</param>
    public AdminConfirmation(string adminId, string password)
    {
        ArgumentNullException.ThrowIfNull(adminId);
        ArgumentNullException.ThrowIfNull(password);
        AdminId = adminId;
        Password = password;
    }

    /// <summary>The host's identifier of the acting admin.</summary>
    public string AdminId { get; }

    /// <summary>The password the admin typed.</summary>
    public string Password { get; }

    /// <inheritdoc />
    public override string ToString() => $"Confirmation by admin '{AdminId}' (password redacted)";
}
