using Integrations.Model;

namespace Integrations.Acl;

/// <summary>
/// A Custom grant resolved against one <see cref="ResourceTree"/>: one bit per resource of the tree, set for each
/// selected resource and its ancestors (selected ids the tree no longer holds are ignored). Built once per
/// integration version (<see cref="Integration.ConcurrencyToken"/>) and tree, then a check is one bit test.
/// </summary>
internal sealed class CompiledGrant
{
    private readonly ulong[] _bits;

    private CompiledGrant(ResourceTree tree, string concurrencyToken, ulong[] bits)
    {
        Tree = tree;
        ConcurrencyToken = concurrencyToken;
        _bits = bits;
    }

    /// <summary>The tree the grant was resolved against.</summary>
    public ResourceTree Tree { get; }

    /// <summary>The version of the integration the grant was read from.</summary>
    public string ConcurrencyToken { get; }

    /// <summary>Resolves the selected resources of an integration against a tree.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="integration">The integration.</param>
    /// <returns>The resolved grant.</returns>
    public static CompiledGrant Compile(ResourceTree tree, Integration integration)
    {
        var bits = new ulong[(tree.Count + 63) / 64];
        foreach (var id in integration.Resources)
        {
            if (!tree.TryFind(id, out var resource))
            {
                continue;
            }

            // Walk up until a resource already marked: its ancestors were marked with it.
            for (AclResource? current = resource; current is not null && !IsSet(bits, current.Index); current = current.Parent)
            {
                bits[current.Index >> 6] |= 1UL << (current.Index & 63);
            }
        }

        return new CompiledGrant(tree, integration.ConcurrencyToken, bits);
    }

    /// <summary>Whether the grant reaches a resource of <see cref="Tree"/>.</summary>
    /// <param name="resource">A resource of <see cref="Tree"/>.</param>
    /// <returns><see langword="true"/> when it was selected or is the ancestor of a selected resource.</returns>
    public bool Reaches(AclResource resource) => IsSet(_bits, resource.Index);

    private static bool IsSet(ulong[] bits, int index) => (bits[index >> 6] & (1UL << (index & 63))) != 0;
}
