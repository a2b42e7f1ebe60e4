using System.Security.Claims;
using Integrations.Samples.Shop.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Samples.Shop.Admin;

/// <summary>The shop's own admin sign-in: one account, a cookie.</summary>
internal static class AdminLoginEndpoints
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string SignInFailed = "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.";

    public static void MapAdminLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin", () => TypedResults.Redirect("/admin/integrations"));
        endpoints.MapGet("/admin/login", (string? returnUrl) =>
            new RazorComponentResult<LoginPage>(new { ReturnUrl = returnUrl }));
        endpoints.MapPost("/admin/login", SignInAsync);
        endpoints.MapPost("/admin/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(Scheme);
            return TypedResults.Redirect("/admin/login");
        }).RequireAuthorization();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IFormCollection form, ShopAdmin admin)
    {
        var userName = form["username"].ToString();
        if (!admin.Verify(userName, form["password"].ToString()))
        {
            return new RazorComponentResult<LoginPage>(new { Error = SignInFailed, UserName = userName, ReturnUrl = form["returnUrl"].ToString() })
            {
                StatusCode = StatusCodes.Status401Unauthorized,
            };
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, admin.UserName)], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        var returnUrl = form["returnUrl"].ToString();
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/admin/integrations");
    }

    /// <summary>
    /// A path of this site in printable ASCII only: anything else (another host, a control character, a space, a
    /// non-ASCII character that cannot go into a <c>Location</c> header) is ignored for the default page.
    /// </summary>
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.AsSpan().ContainsAnyExceptInRange('!', '~');
}
