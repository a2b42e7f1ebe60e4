namespace Integrations.AspNetCore.Admin.Components;

/// <summary>System &gt; Extensions &gt; Integrations: the grid with its filter, sort and paging in the address, the settings panel, and the dialog an action opened.</summary>
public partial class IntegrationsGridPage;
