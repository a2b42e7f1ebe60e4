using Integrations.Model;

namespace Integrations.AspNetCore.Admin.Security;

/// <summary>The admin is locked after too many wrong passwords: nothing was checked or changed.</summary>
public sealed class AdminLockedOutException : IntegrationException
{
    /// <summary>Creates the exception with Magento's text.</summary>
    public AdminLockedOutException()
        : base(AdminPasswordLockout.LockedMessage)
    {
    }
}
