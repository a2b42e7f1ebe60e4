using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Integrations.Acl;

/// <summary>
/// An immutable snapshot of the host's resource tree: what the admin page shows as a checkbox tree and what
/// decisions are made against. Lookups by id are constant-time; every resource knows its place in depth-first
/// order, which a grant resolved against the tree uses as a bit index.
/// </summary>
public sealed class ResourceTree
{
    private readonly FrozenDictionary<string, AclResource> _byId;
    private readonly AclResource[] _ordered;

    internal ResourceTree(AclResource[] roots, AclResource[] ordered)
    {
        Roots = Array.AsReadOnly(roots);
        _ordered = ordered;
        Resources = Array.AsReadOnly(ordered);
        _byId = ordered.ToFrozenDictionary(resource => resource.Id, StringComparer.Ordinal);
    }

    /// <summary>A tree without resources.</summary>
    public static ResourceTree Empty { get; } = new([], []);

    /// <summary>The top-level resources, in declaration order.</summary>
    public IReadOnlyList<AclResource> Roots { get; }

    /// <summary>Every resource, depth-first (each parent before its children).</summary>
    public IReadOnlyList<AclResource> Resources { get; }

    /// <summary>How many resources the tree holds.</summary>
    public int Count => _ordered.Length;

    /// <summary>Builds a tree from declarations (see <see cref="ResourceDeclaration"/> for how repeated ids merge).</summary>
    /// <param name="declarations">The top-level declarations.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentException">A declaration is invalid; the message lists every problem.</exception>
    internal static ResourceTree Create(IEnumerable<ResourceDeclaration> declarations)
    {
        var errors = new List<string>();
        var tree = ResourceTreeCompiler.Compile(declarations, errors);
        return errors.Count == 0 ? tree : throw new ArgumentException(string.Join(" ", errors), nameof(declarations));
    }

    /// <summary>Builds a tree declared in code.</summary>
    /// <param name="declare">Declares the top-level resources.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentException">A declaration is invalid; the message lists every problem.</exception>
    public static ResourceTree Create(Action<ResourceTreeBuilder> declare)
    {
        ArgumentNullException.ThrowIfNull(declare);
        var declarations = new List<ResourceDeclaration>();
        declare(new ResourceTreeBuilder(declarations));
        return Create(declarations);
    }

    /// <summary>Finds a resource by id (ordinal).</summary>
    /// <param name="id">The resource id.</param>
    /// <returns>The resource, or <see langword="null"/> when the tree has no such resource.</returns>
    public AclResource? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.GetValueOrDefault(id);
    }

    /// <summary>Whether the tree holds a resource with this id (ordinal).</summary>
    /// <param name="id">The resource id.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Contains(string id) => Find(id) is not null;

    /// <summary>The ids the tree does not hold, each once, in the order given.</summary>
    /// <param name="ids">Resource ids, for example a grant.</param>
    /// <returns>The unknown ids (empty when all are known).</returns>
    public IReadOnlyList<string> FindUnknown(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Where(id => id is null || !_byId.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToArray()!;
    }

    /// <summary>
    /// The resources a Custom grant of <paramref name="ids"/> reaches: each known id and all its ancestors (selecting
    /// a resource implies its ancestors). Ids the tree does not hold are left out. Useful to show a grant as checked
    /// boxes, or to complete a declared grant as Magento's configuration converter does.
    /// </summary>
    /// <param name="ids">The selected resource ids.</param>
    /// <returns>The reached ids, sorted ordinally.</returns>
    public ImmutableSortedSet<string> WithAncestors(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var reached = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var resource = id is null ? null : Find(id);
            while (resource is not null && reached.Add(resource.Id))
            {
                resource = resource.Parent;
            }
        }

        return reached.ToImmutable();
    }

    /// <summary>Finds a resource without argument checks (hot path).</summary>
    /// <param name="id">The resource id.</param>
    /// <param name="resource">The resource when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    internal bool TryFind(string id, out AclResource resource) => _byId.TryGetValue(id, out resource!);
}
