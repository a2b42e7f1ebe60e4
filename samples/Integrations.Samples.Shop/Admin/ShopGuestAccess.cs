using Integrations.Acl;

namespace Integrations.Samples.Shop.Admin;

/// <summary>
/// The "Allow Anonymous Guest Access" setting as the admin sets it on the integrations page (kept in memory,
/// starting from <c>Shop:AllowAnonymousGuestAccess</c>, default off); the library reads it through
/// <see cref="IGuestAccessSetting"/> on every request.
/// </summary>
internal sealed class ShopGuestAccess(IConfiguration configuration) : IGuestAccessSetting
{
    private volatile bool enabled = configuration.GetValue<bool>("Shop:AllowAnonymousGuestAccess");

    public bool IsEnabled
    {
        get => enabled;
        set => enabled = value;
    }
}
