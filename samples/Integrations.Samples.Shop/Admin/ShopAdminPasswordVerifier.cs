using Integrations.Security;

namespace Integrations.Samples.Shop.Admin;

/// <summary>Confirms saves, deletes and reveals with the shop admin's password.</summary>
internal sealed class ShopAdminPasswordVerifier(ShopAdmin admin) : IAdminPasswordVerifier
{
    public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        return ValueTask.FromResult(admin.Verify(confirmation.AdminId, confirmation.Password));
    }
}
