using Integrations.AspNetCore.Admin.Messages;

namespace Integrations.AspNetCore.Admin;

/// <summary>What every admin page needs: where the admin is mounted, who is signed in, the message to show once.</summary>
/// <param name="BasePath">The admin's address without a trailing slash, for example <c>/admin/integrations</c> (with the request's path base).</param>
/// <param name="UserName">The signed-in admin.</param>
/// <param name="Flash">The message to show at the top, or <see langword="null"/>.</param>
public sealed record AdminPageContext(string BasePath, string? UserName, FlashMessage? Flash);
