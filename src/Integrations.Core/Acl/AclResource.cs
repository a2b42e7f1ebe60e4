using System.Collections.ObjectModel;

namespace Integrations.Acl;

/// <summary>
/// One API resource of the host's tree (Magento's ACL resource, such as <c>Magento_Catalog::products</c>): what an
/// integration can be granted and what a protected operation requires. Part of an immutable <see cref="ResourceTree"/>.
/// </summary>
public sealed class AclResource
{
    private readonly List<AclResource> _children = [];

    internal AclResource(string id, string title, bool isGuestEligible, AclResource? parent, int index)
    {
        Id = id;
        Title = title;
        IsGuestEligible = isGuestEligible;
        Parent = parent;
        Depth = parent is null ? 0 : parent.Depth + 1;
        Index = index;
        Children = new ReadOnlyCollection<AclResource>(_children);
    }

    /// <summary>The resource id, compared ordinally (for example <c>Magento_Catalog::products</c>).</summary>
    public string Id { get; }

    /// <summary>The title an admin sees in the resource tree.</summary>
    public string Title { get; }

    /// <summary>
    /// Whether anonymous callers may use this resource when the host turns anonymous guest access on
    /// (<see cref="IGuestAccessSetting"/>). Not inherited: only resources marked so are ever opened.
    /// </summary>
    public bool IsGuestEligible { get; }

    /// <summary>The parent resource, or <see langword="null"/> for a top-level resource.</summary>
    public AclResource? Parent { get; }

    /// <summary>The child resources, in declaration order.</summary>
    public IReadOnlyList<AclResource> Children { get; }

    /// <summary>How deep the resource sits: 0 for a top-level resource.</summary>
    public int Depth { get; }

    /// <summary>The position of the resource in the depth-first order of its tree.</summary>
    internal int Index { get; }

    /// <inheritdoc />
    public override string ToString() => Id;

    internal void AddChild(AclResource child) => _children.Add(child);
}
