namespace Integrations.Acl;

/// <summary>
/// A resource as a host declares it, in code (<see cref="ResourceTreeBuilder"/>) or in configuration. Declarations
/// with the same <see cref="Id"/> describe one resource (as Magento merges the <c>acl.xml</c> of its modules): their
/// children are merged, the last non-empty title wins, and the resource is guest-eligible if any declaration says so.
/// </summary>
internal sealed class ResourceDeclaration
{
    /// <summary>The resource id: 1 to 255 characters, no white space, no comma (for example <c>Magento_Catalog::products</c>).</summary>
    public string? Id { get; set; }

    /// <summary>The title an admin sees; the id when no declaration gives one.</summary>
    public string? Title { get; set; }

    /// <summary>Whether anonymous callers may use the resource while anonymous guest access is on.</summary>
    public bool GuestEligible { get; set; }

    /// <summary>The child resources.</summary>
    public IList<ResourceDeclaration> Children { get; } = [];
}
