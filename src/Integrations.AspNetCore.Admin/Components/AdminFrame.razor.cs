namespace Integrations.AspNetCore.Admin.Components;

/// <summary>Every admin page: in the host's layout (or the plain one), the package's stylesheet and script, the title and the message.</summary>
public partial class AdminFrame;
