namespace Integrations.AspNetCore.Admin.Components;

/// <summary>The settings a shop owner expects next to the grid: guest access editable, the rest read-only with their source.</summary>
public partial class SettingsPanel;
