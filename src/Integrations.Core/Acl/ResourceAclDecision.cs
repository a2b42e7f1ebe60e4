namespace Integrations.Acl;

/// <summary>
/// The answer of <see cref="IResourceAclProvider.Authorize"/>: allowed or not, why, and which required resources
/// were missing, so a host can answer with Magento's <c>The consumer isn't authorized to access %resources.</c>
/// (HTTP 401). Allowed decisions are shared instances and cost no allocation.
/// </summary>
public sealed class ResourceAclDecision
{
    /// <summary>Magento's phrase for a denied call; <c>%resources</c> stands for <see cref="MissingResourcesText"/>.</summary>
    public const string NotAuthorizedPhrase = "The consumer isn't authorized to access %resources.";

    private ResourceAclDecision(ResourceAclOutcome outcome, IReadOnlyList<string> missingResources)
    {
        Outcome = outcome;
        MissingResources = missingResources;
    }

    /// <summary>The decision for an active integration granted every required resource.</summary>
    public static ResourceAclDecision Granted { get; } = new(ResourceAclOutcome.Granted, []);

    /// <summary>The decision for an anonymous call to guest-eligible resources while guest access is on.</summary>
    public static ResourceAclDecision GuestAccess { get; } = new(ResourceAclOutcome.GuestAccess, []);

    /// <summary>Whether the call may proceed.</summary>
    public bool IsAllowed => Outcome is ResourceAclOutcome.Granted or ResourceAclOutcome.GuestAccess;

    /// <summary>Why the call may or may not proceed.</summary>
    internal ResourceAclOutcome Outcome { get; }

    /// <summary>The required resources the caller may not use, in the order they were required; empty when allowed.</summary>
    public IReadOnlyList<string> MissingResources { get; }

    /// <summary>The missing resources joined with <c>", "</c> (Magento's <c>resources</c> parameter); empty when allowed.</summary>
    public string MissingResourcesText => string.Join(", ", MissingResources);

    /// <summary>Magento's message with the missing resources filled in, or <see langword="null"/> when allowed.</summary>
    public string? Message => IsAllowed ? null : NotAuthorizedPhrase.Replace("%resources", MissingResourcesText, StringComparison.Ordinal);

    /// <summary>Creates a denial.</summary>
    /// <param name="outcome">Why the call is denied.</param>
    /// <param name="missingResources">The required resources the caller may not use (at least one).</param>
    /// <returns>The decision.</returns>
    internal static ResourceAclDecision Deny(ResourceAclOutcome outcome, IReadOnlyList<string> missingResources) => new(outcome, missingResources);

    /// <inheritdoc />
    public override string ToString() => IsAllowed ? Outcome.ToString() : $"{Outcome}: {MissingResourcesText}";
}
