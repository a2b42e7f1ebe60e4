namespace Integrations.AspNetCore.Admin.Components;

/// <summary>The layout the admin pages use when the host gives none: a plain page.</summary>
public partial class PlainAdminLayout;
