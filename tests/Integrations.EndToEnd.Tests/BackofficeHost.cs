using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Integrations.AspNetCore.Admin;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.EndToEnd.Tests;

/// <summary>
/// A second host, not the shop: in-memory stores, its own cookie sign-in, the admin package mounted under
/// <see cref="Prefix"/> with its own policy (role <see cref="AdminRole"/>), the package's plain layout, and an
/// integration declared in code. Proves the package is tied to neither the shop nor its paths.
/// </summary>
public sealed class BackofficeHost : IAsyncLifetime
{
    public const string Prefix = "/backoffice/connect";
    public const string AdminRole = "integrations-admin";
    public const string Password = "backoffice-secret";
    public const string DeclaredName = "Declared ERP";

    private WebApplication? app;

    public Uri Address { get; } = new($"http://127.0.0.1:{LoopbackPort.Next()}/");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls(Address.GetLeftPart(UriPartial.Authority));
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.LoginPath = "/sign-in";
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorization(options => options.AddPolicy("IntegrationsAdmin", policy => policy.RequireRole(AdminRole)));
        builder.Services.AddIntegrations()
            .UseInMemoryStores()
            .UseAdminPasswordVerifier<BackofficePasswordVerifier>()
            .AddResources(tree => tree.Add("Backoffice::stock", "Stock", stock => stock.Add("Backoffice::stock_read", "Read stock")))
            .DeclareIntegration("erp", draft => draft.Name = DeclaredName);
        builder.Services.AddIntegrationsAdmin();

        app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // The host's own sign-in (a real one would check a password): as the given user, with the admin role or without.
        app.MapGet("/sign-in", async (HttpContext context, string user, bool admin) =>
        {
            Claim[] claims = admin ? [new(ClaimTypes.Name, user), new(ClaimTypes.Role, AdminRole)] : [new(ClaimTypes.Name, user)];
            await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
            return Results.Text("Signed in as " + user);
        });
        app.MapIntegrationsAdmin(Prefix).RequireAuthorization("IntegrationsAdmin");
        await app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The backoffice's admin password check: one password for every admin.</summary>
    private sealed class BackofficePasswordVerifier : IAdminPasswordVerifier
    {
        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(confirmation.Password), Encoding.UTF8.GetBytes(Password)));
    }
}
