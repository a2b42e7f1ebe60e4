using System.Security.Claims;
using Integrations.Model;
using Integrations.Samples.Shop.Components;
using Integrations.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Samples.Shop.Admin;

/// <summary>The shop's own admin sign-in: one account, a cookie.</summary>
internal static class AdminLoginEndpoints
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The rate limiter policy of the sign-in form.</summary>
    public const string RateLimitPolicy = "shop-login";
    private const string SignInFailed = "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.";

    public static void MapAdminLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin", () => TypedResults.Redirect("/admin/integrations"));
        endpoints.MapGet("/admin/login", (string? returnUrl) =>
            new RazorComponentResult<LoginPage>(new { ReturnUrl = returnUrl }));
        endpoints.MapPost("/admin/login", SignInAsync).RequireRateLimiting(RateLimitPolicy);
        endpoints.MapPost("/admin/logout", async (HttpContext context, IFormCollection form, ShopSessions sessions) =>
        {
            // POST with the antiforgery token (bound from the form); the session is revoked, not just the cookie dropped.
            await sessions.RevokeAsync(context.User, context.RequestAborted);
            await context.SignOutAsync(Scheme);
            return TypedResults.Redirect("/admin/login");
        }).RequireAuthorization();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IFormCollection form, ShopAdmin admin, IAdminPasswordVerifier verifier)
    {
        var userName = form["username"].ToString();
        if (!await VerifyAsync(verifier, userName, form["password"].ToString(), context.RequestAborted))
        {
            return new RazorComponentResult<LoginPage>(new { Error = SignInFailed, UserName = userName, ReturnUrl = form["returnUrl"].ToString() })
            {
                StatusCode = StatusCodes.Status401Unauthorized,
            };
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, admin.UserName), ShopSessions.NewSessionClaim()], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        var returnUrl = form["returnUrl"].ToString();
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/admin/integrations");
    }

    /// <summary>
    /// The admin's password through the integrations admin's verifier: failures count towards its lockout and the
    /// slow hash runs with bounded concurrency, so a sign-in flood cannot take every thread from the API.
    /// </summary>
    private static async Task<bool> VerifyAsync(IAdminPasswordVerifier verifier, string userName, string password, CancellationToken cancellationToken)
    {
        try
        {
            return await verifier.VerifyAsync(new AdminConfirmation(userName, password), cancellationToken);
        }
        catch (IntegrationException)
        {
            return false; // locked, or too many checks at once: the same answer, as Magento gives
        }
    }

    /// <summary>
    /// A path of this site in printable ASCII only: anything else (another host, a control character, a space, a
    /// non-ASCII character that cannot go into a <c>Location</c> header) is ignored for the default page.
    /// </summary>
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.AsSpan().ContainsAnyExceptInRange('!', '~');
}
