using Integrations.AspNetCore.Admin.Settings;

namespace Integrations.Samples.Shop.Admin;

/// <summary>
/// The "Allow Anonymous Guest Access" setting kept in memory (the single shop on SQLite), starting from
/// <c>Shop:AllowAnonymousGuestAccess</c>, default off; the library reads it through <see cref="Integrations.Acl.IGuestAccessSetting"/>
/// on every request.
/// </summary>
internal sealed class ShopGuestAccess(IConfiguration configuration) : IGuestAccessSwitch
{
    public const string InitialValueSetting = "Shop:AllowAnonymousGuestAccess";

    private volatile bool enabled = configuration.GetValue<bool>(InitialValueSetting);

    public bool IsEnabled => enabled;

    public Task<bool> SetAsync(bool enabled, CancellationToken cancellationToken)
    {
        this.enabled = enabled;
        return Task.FromResult(true);
    }
}
