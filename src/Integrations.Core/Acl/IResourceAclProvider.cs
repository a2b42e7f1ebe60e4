using Integrations.Model;

namespace Integrations.Acl;

/// <summary>
/// The resource ACL: exposes the host's resource tree and decides whether a caller may use the resources a protected
/// operation requires. Decisions are synchronous and touch no store: the caller passes the integration it has
/// already authenticated (so a grant saved through the admin service (<c>IIntegrationService</c>) applies to the next
/// request), or <see langword="null"/> for an anonymous call.
/// </summary>
public interface IResourceAclProvider
{
    /// <summary>The current resource tree (replaced as a whole when the host's declaration changes).</summary>
    ResourceTree Tree { get; }

    /// <summary>
    /// Decides a call. Every required resource must be allowed (Magento's REST rule). An integration that is not
    /// <see cref="IntegrationStatus.Active"/> is never authorized. An active integration with
    /// <see cref="ResourceAccess.All"/> may use every resource of the tree; with <see cref="ResourceAccess.Custom"/>
    /// it may use the resources it selected and their ancestors (ids no longer in the tree are ignored). An anonymous
    /// call (and an active integration's call) may use guest-eligible resources while anonymous guest access is on.
    /// A required resource that the tree does not declare is denied to everyone.
    /// </summary>
    /// <param name="integration">The authenticated integration, or <see langword="null"/> for an anonymous call.</param>
    /// <param name="requiredResources">The resource ids the operation requires (at least one).</param>
    /// <returns>The decision, naming the missing resources when denied.</returns>
    /// <exception cref="ArgumentException"><paramref name="requiredResources"/> is empty or holds a <see langword="null"/> id.</exception>
    ResourceAclDecision Authorize(Integration? integration, IReadOnlyList<string> requiredResources);
}
