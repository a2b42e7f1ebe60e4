namespace Integrations.Samples.Shop.Admin;

/// <summary>A node of the resource tree shown as the checkbox tree of the integration form.</summary>
public sealed record ResourceTreeNode(string Id, string Title, IReadOnlyList<ResourceTreeNode> Children);
