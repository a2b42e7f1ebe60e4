namespace Integrations.Acl;

/// <summary>Why a <see cref="ResourceAclDecision"/> allows or denies.</summary>
internal enum ResourceAclOutcome
{
    /// <summary>Allowed: the active integration is granted every required resource.</summary>
    Granted = 0,

    /// <summary>Allowed: anonymous guest access is on and every required resource is guest-eligible.</summary>
    GuestAccess = 1,

    /// <summary>Denied: the integration is not Active, so it is never authorized, whatever its grants.</summary>
    IntegrationNotActive = 2,

    /// <summary>Denied: the active integration lacks the resources in <see cref="ResourceAclDecision.MissingResources"/>.</summary>
    ResourcesNotGranted = 3,

    /// <summary>Denied: an anonymous call while anonymous guest access is off.</summary>
    GuestAccessDisabled = 4,

    /// <summary>Denied: an anonymous call for resources that are not guest-eligible (listed in <see cref="ResourceAclDecision.MissingResources"/>).</summary>
    ResourcesNotGuestEligible = 5,
}
