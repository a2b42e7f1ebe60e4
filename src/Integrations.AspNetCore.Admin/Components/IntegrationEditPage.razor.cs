namespace Integrations.AspNetCore.Admin.Components;

/// <summary>New/Edit Integration: the Integration Info and API tabs (radio-driven, so they work without JavaScript), the password.</summary>
public partial class IntegrationEditPage;
