using System.Net;
using Integrations.AspNetCore;
using Integrations.AspNetCore.Endpoints;
using Integrations.Samples.Shop.Admin;
using Integrations.Samples.Shop.Catalog;
using Integrations.Samples.Shop.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;

namespace Integrations.Samples.Shop;

/// <summary>Builds the shop: its admin (sign-in, integrations page) and its API guarded by integration resources.</summary>
public static class ShopApplication
{
    /// <summary>The address the shop listens on unless <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Creates the shop from command-line arguments (any ASP.NET Core configuration key works, e.g. <c>--urls</c>).</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrEmpty(urls))
        {
            urls = DefaultUrl;
            builder.WebHost.UseUrls(urls);
        }

        var publicBaseUrl = PublicBaseUrl(builder.Configuration["Shop:PublicBaseUrl"], urls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        // First: its initializer must start before the hosted services of what is added below.
        builder.AddShopDatabase();
        var shop = builder.Configuration.GetSection(ShopOptions.SectionName).Get<ShopOptions>() ?? new ShopOptions();
        var generatedPassword = string.IsNullOrEmpty(shop.AdminPassword) ? ShopAdmin.GeneratePassword() : null;
        builder.Services.AddSingleton(new ShopAdmin(shop.AdminUser, shop.AdminPassword is { Length: > 0 } configured ? configured : generatedPassword!));
        builder.Services.AddSingleton<FlashMessages>();
        builder.Services.AddSingleton<ShopCatalog>();
        builder.Services.AddRazorComponents();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/admin/login";
                options.Cookie.Name = "shop_admin";
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.HttpOnly = true;
                options.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/admin/api", StringComparison.Ordinal))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    }

                    context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddIntegrations(options => builder.Configuration.GetSection("Integrations").Bind(options))
            .UseAdminPasswordVerifier<ShopAdminPasswordVerifier>()
            .AddResources(ShopResources.Declare)
            .UseAspNetCore()
            .ConfigureActivation(options =>
            {
                options.StoreBaseUrl = publicBaseUrl;
                options.SuccessCallbackUrl = new Uri(publicBaseUrl, "admin/integrations/login-success");

                // http callback URLs only while the shop itself runs on this machine (development).
                options.AllowInsecureCallbackUrls = publicBaseUrl.IsLoopback;
            });

        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/admin/assets",
            FileProvider = new EmbeddedFileProvider(typeof(ShopApplication).Assembly, "Integrations.Samples.Shop.Assets"),
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapAdminLogin();
        app.MapAdminPages();
        app.MapAdminApi();
        app.MapIntegrationsOAuthEndpoints();
        app.MapCatalogApi();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            Console.WriteLine($"Shop running at {address}/admin");
            Console.WriteLine(generatedPassword is null
                ? $"Sign in as '{shop.AdminUser}' with the configured password (Shop:AdminPassword)."
                : $"Sign in as '{shop.AdminUser}' with password '{generatedPassword}' (set Shop:AdminPassword to choose one).");
        });
        return app;
    }

    /// <summary>
    /// The shop's address as third parties reach it (posted to them as <c>store_base_url</c>):
    /// <c>Shop:PublicBaseUrl</c>, else the first address it listens on.
    /// </summary>
    private static Uri PublicBaseUrl(string? configured, string urls)
    {
        var url = string.IsNullOrEmpty(configured) ? urls.Split(';')[0] : configured;
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    /// <summary>The address the started application listens on.</summary>
    /// <param name="app">A started application.</param>
    /// <returns>The first address, for example <c>http://127.0.0.1:5080</c>.</returns>
    public static Uri Address(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
            ?? throw new InvalidOperationException("The application is not started.");
        return new Uri(address.Replace("[::]", IPAddress.Loopback.ToString(), StringComparison.Ordinal));
    }
}
