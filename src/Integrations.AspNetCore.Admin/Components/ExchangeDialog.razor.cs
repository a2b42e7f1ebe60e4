namespace Integrations.AspNetCore.Admin.Components;

/// <summary>Allow with a callback URL: the credentials were posted; the admin finishes at the third party's identity link.</summary>
public partial class ExchangeDialog;
