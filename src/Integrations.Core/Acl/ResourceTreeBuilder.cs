namespace Integrations.Acl;

/// <summary>
/// Declares resources in code, one level of the tree at a time:
/// <code>
/// tree.Add("Magento_Catalog::catalog", "Catalog", catalog => catalog
///     .Add("Magento_Catalog::products", "Products", guestEligible: true)
///     .Add("Magento_Catalog::categories", "Categories"));
/// </code>
/// Declaring an id again adds to the same resource: children merge, the last non-empty title wins, and it is
/// guest-eligible if any declaration says so.
/// </summary>
public sealed class ResourceTreeBuilder
{
    private readonly IList<ResourceDeclaration> _level;

    /// <summary>Creates a builder that adds to <paramref name="level"/>.</summary>
    /// <param name="level">The declarations of one level of the tree (for example <see cref="ResourceAclOptions.Resources"/>).</param>
    internal ResourceTreeBuilder(IList<ResourceDeclaration> level) =>
        _level = level ?? throw new ArgumentNullException(nameof(level));

    /// <summary>Declares a resource at this level.</summary>
    /// <param name="id">The resource id (1 to 255 characters, no white space, no comma).</param>
    /// <param name="title">The title an admin sees.</param>
    /// <param name="children">Declares the child resources, or <see langword="null"/>.</param>
    /// <param name="guestEligible">Whether anonymous callers may use it while anonymous guest access is on.</param>
    /// <returns>This builder, to declare the next resource of the same level.</returns>
    public ResourceTreeBuilder Add(string id, string title, Action<ResourceTreeBuilder>? children = null, bool guestEligible = false)
    {
        var declaration = new ResourceDeclaration { Id = id, Title = title, GuestEligible = guestEligible };
        children?.Invoke(new ResourceTreeBuilder(declaration.Children));
        _level.Add(declaration);
        return this;
    }
}
