namespace Integrations.AspNetCore.Admin.Components;

/// <summary>Remove: Magento's confirmation, with the admin's password.</summary>
public partial class RemoveDialog;
