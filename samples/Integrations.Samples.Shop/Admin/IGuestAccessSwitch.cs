using Integrations.Acl;

namespace Integrations.Samples.Shop.Admin;

/// <summary>The "Allow Anonymous Guest Access" setting as the admin switches it on the integrations page.</summary>
internal interface IGuestAccessSwitch : IGuestAccessSetting
{
    /// <summary>Saves the setting; requests see it from now on.</summary>
    /// <param name="enabled">Whether anonymous callers may use guest-eligible resources.</param>
    void Set(bool enabled);
}
