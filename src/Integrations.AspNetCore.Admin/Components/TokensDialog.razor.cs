namespace Integrations.AspNetCore.Admin.Components;

/// <summary>The four credentials, shown once, with copy buttons.</summary>
public partial class TokensDialog;
