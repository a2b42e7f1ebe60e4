namespace Integrations.AspNetCore.Admin.Components;

/// <summary>The API tab's tree of ACL resources: a checkbox per resource, nested as the tree is.</summary>
public partial class ResourceTree;
