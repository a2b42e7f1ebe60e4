using Integrations.Acl;

namespace Integrations.Core.Tests.Acl;

/// <summary>A generated tree of 11,110 resources (10 roots, fan-out 10, four levels).</summary>
internal static class LargeTree
{
    public static void Declare(ResourceTreeBuilder tree) => Level(tree, []);

    public static string Id(params int[] path) => "Vendor_Large::r" + string.Join('_', path);

    private static void Level(ResourceTreeBuilder level, int[] path)
    {
        for (var i = 0; i < 10; i++)
        {
            int[] child = [.. path, i];
            level.Add(Id(child), $"Resource {string.Join('.', child)}", child.Length < 4 ? next => Level(next, child) : null);
        }
    }
}
