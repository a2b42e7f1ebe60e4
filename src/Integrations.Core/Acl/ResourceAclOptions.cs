namespace Integrations.Acl;

/// <summary>
/// The host's resource tree and guest-access default. Validated at start-up and on every change; when the options come
/// from a reloadable configuration section, a valid change replaces the tree for the next decision and an invalid one
/// leaves the tree in force.
/// </summary>
public sealed class ResourceAclOptions
{
    /// <summary>
    /// Whether anonymous callers may use guest-eligible resources (Magento's "Allow Anonymous Guest Access").
    /// Default <see langword="false"/>, as in Magento. This is the start value of <see cref="GuestAccessSetting"/>,
    /// which an admin can change at runtime.
    /// </summary>
    public bool AllowAnonymousGuestAccess { get; set; }

    /// <summary>The top-level resources of the tree.</summary>
    internal IList<ResourceDeclaration> Resources { get; } = [];
}
