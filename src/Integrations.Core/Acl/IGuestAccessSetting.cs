namespace Integrations.Acl;

/// <summary>
/// Whether anonymous guest access is on right now (Magento's "Allow Anonymous Guest Access"), read on every
/// anonymous decision. The default, <see cref="GuestAccessSetting"/>, starts from
/// <see cref="ResourceAclOptions.AllowAnonymousGuestAccess"/> and can be switched at runtime; a host that keeps the
/// setting elsewhere registers its own with <c>UseGuestAccessSetting&lt;T&gt;()</c>. Implementations are singletons
/// and must answer quickly (no I/O per call).
/// </summary>
public interface IGuestAccessSetting
{
    /// <summary>Whether anonymous callers may use guest-eligible resources.</summary>
    bool IsEnabled { get; }
}
