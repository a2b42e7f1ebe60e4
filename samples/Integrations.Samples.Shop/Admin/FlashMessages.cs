using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Samples.Shop.Admin;

/// <summary>Carries one <see cref="FlashMessage"/> across a redirect or reload in a protected cookie.</summary>
internal sealed class FlashMessages(IDataProtectionProvider dataProtection)
{
    private const string CookieName = "shop_flash";
    private readonly IDataProtector protector = dataProtection.CreateProtector("Integrations.Samples.Shop.Flash");

    public void Set(HttpContext context, FlashMessage message) =>
        context.Response.Cookies.Append(
            CookieName,
            protector.Protect(JsonSerializer.Serialize(message)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/admin", IsEssential = true });

    public FlashMessage? Take(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/admin" });
        try
        {
            return JsonSerializer.Deserialize<FlashMessage>(protector.Unprotect(value));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
