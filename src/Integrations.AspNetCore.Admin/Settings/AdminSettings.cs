namespace Integrations.AspNetCore.Admin.Settings;

/// <summary>The settings panel next to the grid (Magento's Stores &gt; Configuration &gt; Services &gt; OAuth and Web API security).</summary>
/// <param name="GuestAccessEnabled">"Allow Anonymous Guest Access" now.</param>
/// <param name="GuestAccessEditable">Whether the admin can switch it here.</param>
/// <param name="Fixed">The settings the host fixes in its configuration, shown read-only.</param>
public sealed record AdminSettings(bool GuestAccessEnabled, bool GuestAccessEditable, IReadOnlyList<FixedSetting> Fixed);
