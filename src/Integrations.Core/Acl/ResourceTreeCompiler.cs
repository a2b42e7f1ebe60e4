namespace Integrations.Acl;

/// <summary>Turns declarations into an immutable <see cref="ResourceTree"/>, merging declarations that share an id.</summary>
internal static class ResourceTreeCompiler
{
    /// <summary>The longest resource id.</summary>
    public const int MaxIdLength = 255;

    /// <summary>How deep resources may be nested (Magento's tree is about five levels deep).</summary>
    public const int MaxDepth = 32;

    /// <summary>Compiles the declarations; problems are added to <paramref name="errors"/> and then the tree is empty.</summary>
    /// <param name="declarations">The top-level declarations.</param>
    /// <param name="errors">Receives one message per problem.</param>
    /// <returns>The tree, or <see cref="ResourceTree.Empty"/> when there are errors.</returns>
    public static ResourceTree Compile(IEnumerable<ResourceDeclaration> declarations, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var topLevel = new List<Node>();
        Merge(declarations, null, nodes, topLevel, errors);
        if (errors.Count > 0)
        {
            return ResourceTree.Empty;
        }

        var ordered = new List<AclResource>(nodes.Count);
        var roots = topLevel.Select(node => Emit(node, null, ordered)).ToArray();
        return new ResourceTree(roots, [.. ordered]);
    }

    /// <summary>Whether <paramref name="id"/> may name a resource: 1 to 255 characters, no white space, no comma.</summary>
    /// <param name="id">The candidate id.</param>
    /// <returns><see langword="true"/> when it is well formed.</returns>
    public static bool IsWellFormedId(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxIdLength
        && !id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ',');

    private static void Merge(IEnumerable<ResourceDeclaration> declarations, Node? parent, Dictionary<string, Node> nodes, List<Node> topLevel, List<string> errors)
    {
        var where = parent is null ? "at the top level" : $"under '{parent.Id}'";
        foreach (var declaration in declarations)
        {
            if (declaration is null || !IsWellFormedId(declaration.Id))
            {
                errors.Add($"The resource id '{declaration?.Id}' declared {where} is invalid: an id has 1 to 255 characters, without white space or commas.");
                continue;
            }

            var id = declaration.Id!;
            if (nodes.TryGetValue(id, out var node))
            {
                if (node.Parent != parent)
                {
                    var first = node.Parent is null ? "at the top level" : $"under '{node.Parent.Id}'";
                    errors.Add($"The resource '{id}' is declared both {first} and {where}: a resource has one parent.");
                    continue;
                }
            }
            else
            {
                var depth = parent is null ? 0 : parent.Depth + 1;
                if (depth >= MaxDepth)
                {
                    errors.Add($"The resource '{id}' is nested deeper than {MaxDepth} levels.");
                    continue;
                }

                node = new Node(id, parent, depth);
                nodes.Add(id, node);
                (parent?.Children ?? topLevel).Add(node);
            }

            if (!string.IsNullOrWhiteSpace(declaration.Title))
            {
                node.Title = declaration.Title.Trim();
            }

            node.GuestEligible |= declaration.GuestEligible;
            Merge(declaration.Children, node, nodes, topLevel, errors);
        }
    }

    private static AclResource Emit(Node node, AclResource? parent, List<AclResource> ordered)
    {
        var resource = new AclResource(node.Id, node.Title ?? node.Id, node.GuestEligible, parent, ordered.Count);
        ordered.Add(resource);
        foreach (var child in node.Children)
        {
            resource.AddChild(Emit(child, resource, ordered));
        }

        return resource;
    }

    private sealed class Node(string id, Node? parent, int depth)
    {
        public string Id { get; } = id;

        public Node? Parent { get; } = parent;

        public int Depth { get; } = depth;

        public string? Title { get; set; }

        public bool GuestEligible { get; set; }

        public List<Node> Children { get; } = [];
    }
}
