using Integrations.Model;

namespace Integrations.Lifecycle;

/// <summary>The acting admin's password did not verify; nothing was changed or revealed.</summary>
public sealed class InvalidAdminPasswordException : IntegrationException
{
    /// <summary>Creates the exception with Magento's phrase.</summary>
    public InvalidAdminPasswordException()
        : base("The password entered for the current user is invalid. Verify the password and try again.")
    {
    }
}
