using Integrations.Acl;

namespace Integrations.AspNetCore.Admin.Settings;

/// <summary>
/// An "Allow Anonymous Guest Access" setting the admin can switch from the settings panel. Register the host's
/// <see cref="IGuestAccessSetting"/> as one (<c>UseGuestAccessSetting&lt;T&gt;()</c> with a class implementing this
/// interface) to make the panel's field editable; the library's default <see cref="GuestAccessSetting"/> is
/// switched directly.
/// </summary>
public interface IGuestAccessSwitch : IGuestAccessSetting
{
    /// <summary>Saves the setting; requests see it from now on.</summary>
    /// <param name="enabled">Whether anonymous callers may use guest-eligible resources.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>Whether it was saved (<see langword="false"/>: the store could not be reached; the setting is unchanged).</returns>
    Task<bool> SetAsync(bool enabled, CancellationToken cancellationToken);
}
