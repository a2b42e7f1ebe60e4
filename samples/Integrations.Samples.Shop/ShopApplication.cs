using System.Net;
using System.Threading.RateLimiting;
using Integrations.AspNetCore;
using Integrations.AspNetCore.Admin;
using Integrations.AspNetCore.Authentication;
using Integrations.AspNetCore.Endpoints;
using Integrations.Samples.Shop.Admin;
using Integrations.Samples.Shop.Catalog;
using Integrations.Samples.Shop.Components;
using Integrations.Samples.Shop.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.FileProviders;

namespace Integrations.Samples.Shop;

/// <summary>Builds the shop: its admin (sign-in, integrations page) and its API guarded by integration resources.</summary>
public static class ShopApplication
{
    /// <summary>The address the shop listens on unless <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The languages of the admin, as the browser asks for them (<c>Accept-Language</c>); English by default.</summary>
    private static readonly string[] SupportedCultures = ["en", "nl", "sv", "fr"];

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
        builder.Services.AddSingleton<ShopCatalog>();
        builder.Services.AddSingleton<ShopSessions>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/admin/login";
                options.Cookie.Name = "shop_admin";
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = ShopSessions.Lifetime;
                options.SlidingExpiration = false;
                options.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<ShopSessions>().ValidateAsync(context);
            });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "shop_antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        var loginAttempts = builder.Configuration.GetValue("Shop:LoginAttemptsPerMinute", 10);
        if (loginAttempts < 1)
        {
            throw new InvalidOperationException($"Shop:LoginAttemptsPerMinute must be at least 1 (got {loginAttempts}).");
        }

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AdminLoginEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginAttempts, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        // Behind a reverse proxy: ASP.NET Core's forwarded headers, from the proxies listed in Shop:KnownProxies only,
        // give each request its public scheme, host, path base and client address (what third parties sign).
        var knownProxies = builder.Configuration.GetSection("Shop:KnownProxies").Get<string[]>() ?? [];
        if (knownProxies.Length > 0)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                    | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
                foreach (var proxy in knownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            });
        }

        builder.Services.AddAuthorization();
        // the orders controller, guarded by [IntegrationResource]; named, as the shop may be hosted by another entry assembly
        builder.Services.AddControllers().AddApplicationPart(typeof(ShopApplication).Assembly);
        // The library's options a host sets, from the "Integrations" section (see appsettings.json).
        var integrationsSection = builder.Configuration.GetSection("Integrations");
        builder.Services.Configure<IntegrationsAuthenticationOptions>(
            IntegrationsAuthenticationDefaults.AuthenticationScheme, integrationsSection.GetSection("Authentication"));
        builder.Services.AddIntegrations()
            .Configure(integrationsSection)   // TokenExchangeWindow, OAuth:*, Activation:*, Storage:*
            .AddDeclaredIntegrations(integrationsSection.GetSection("Declared"))
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

        // The integrations admin (System > Extensions > Integrations) from its package, in the shop's layout.
        builder.Services.AddIntegrationsAdmin(options => options.Layout = typeof(ShopLayout));
        builder.Services.Configure<IntegrationsAdminOptions>(integrationsSection.GetSection("Admin"));

        var app = builder.Build();
        if (knownProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseShopSecurityHeaders();
        app.UseRequestLocalization(options => options
            .SetDefaultCulture(SupportedCultures[0])
            .AddSupportedCultures(SupportedCultures)
            .AddSupportedUICultures(SupportedCultures));
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/admin/assets",
            FileProvider = new EmbeddedFileProvider(typeof(ShopApplication).Assembly, "Integrations.Samples.Shop.Assets"),
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapAdminLogin();
        app.MapIntegrationsAdmin("/admin/integrations");
        app.MapIntegrationsOAuthEndpoints();
        app.MapCatalogApi();
        app.MapControllers();

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
