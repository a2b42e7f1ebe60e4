using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.AspNetCore.Admin.Messages;

/// <summary>Carries one <see cref="FlashMessage"/> across a redirect in a protected cookie scoped to the admin's path.</summary>
internal sealed class FlashMessages(IDataProtectionProvider dataProtection)
{
    private const string CookieName = "integrations_admin_flash";
    private readonly IDataProtector protector = dataProtection.CreateProtector("Integrations.AspNetCore.Admin.Flash");

    public void Set(HttpContext context, string basePath, FlashMessage message) =>
        context.Response.Cookies.Append(
            CookieName,
            protector.Protect(JsonSerializer.Serialize(message)),
            Options(context, basePath));

    public FlashMessage? Take(HttpContext context, string basePath)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName, Options(context, basePath));
        try
        {
            return JsonSerializer.Deserialize<FlashMessage>(protector.Unprotect(value));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static CookieOptions Options(HttpContext context, string basePath) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = basePath,
        IsEssential = true,
    };
}
