using Integrations.Acl;

namespace Integrations.Samples.Shop.Admin;

/// <summary>The "Allow Anonymous Guest Access" setting as the admin switches it on the integrations page.</summary>
internal interface IGuestAccessSwitch : IGuestAccessSetting
{
    /// <summary>Saves the setting; requests see it from now on.</summary>
    /// <param name="enabled">Whether anonymous callers may use guest-eligible resources.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>Whether it was saved (<see langword="false"/>: the database could not be reached; the setting is unchanged).</returns>
    Task<bool> SetAsync(bool enabled, CancellationToken cancellationToken);
}
