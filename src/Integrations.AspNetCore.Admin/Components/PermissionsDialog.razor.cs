namespace Integrations.AspNetCore.Admin.Components;

/// <summary>Activate/Reauthorize: the resources the integration will reach, then Allow with the admin's password.</summary>
public partial class PermissionsDialog;
