using System.Net;
using System.Threading.RateLimiting;
using Integrations.Activation;
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
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The settings are checked before anything is created from them, each refusal naming its setting.
        var shop = builder.Configuration.GetSection(ShopOptions.SectionName).Get<ShopOptions>() ?? new ShopOptions();
        if (string.IsNullOrWhiteSpace(shop.AdminUser))
        {
            throw new InvalidOperationException($"Shop:AdminUser must name the admin's login (got '{shop.AdminUser}').");
        }

        var publicBaseUrl = ConfiguredPublicBaseUrl(builder.Configuration["Shop:PublicBaseUrl"]);
        var knownProxies = KnownProxies(builder.Configuration.GetSection("Shop:KnownProxies"));
        var loginAttempts = builder.Configuration.GetValue("Shop:LoginAttemptsPerMinute", 10);
        if (loginAttempts < 1)
        {
            throw new InvalidOperationException($"Shop:LoginAttemptsPerMinute must be at least 1 (got {loginAttempts}).");
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        // First: its initializer must start before the hosted services of what is added below.
        builder.AddShopDatabase();
        var generatedPassword = string.IsNullOrEmpty(shop.AdminPassword) ? ShopAdmin.GeneratePassword() : null;
        builder.Services.AddSingleton(new ShopAdmin(shop.AdminUser, shop.AdminPassword is { Length: > 0 } configured ? configured : generatedPassword!));
        builder.Services.AddSingleton<ShopCatalog>();
        builder.Services.AddScoped<ShopOrders>();
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
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AdminLoginEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginAttempts, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        // Behind a reverse proxy: ASP.NET Core's forwarded headers, from the proxies listed in Shop:KnownProxies only,
        // give each request its public scheme, host, path base and client address (what third parties sign).
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
                    options.KnownProxies.Add(proxy);
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
            .UseAspNetCore();

        // The store's address (posted to third parties as store_base_url): Shop:PublicBaseUrl, else the address the
        // server actually listens on (a port 0 resolved, a wildcard host as loopback), known only once it listens. The
        // library first reads these options at an activation, once the shop is running; only the start-up validation
        // reads them earlier, before the server listens, and then finds no address yet (which it accepts).
        builder.Services.AddOptions<ActivationOptions>().Configure<IServer>((options, server) =>
        {
            if ((publicBaseUrl ?? ListeningAddress(server)) is not { } store)
            {
                return;
            }

            options.StoreBaseUrl = store;
            options.SuccessCallbackUrl = new Uri(store, "admin/integrations/login-success");

            // http callback URLs only while the shop itself runs on this machine (development).
            options.AllowInsecureCallbackUrls = store.IsLoopback;
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
            Console.WriteLine($"Shop running at {new Uri(app.Address(), "admin")}");
            Console.WriteLine(generatedPassword is null
                ? $"Sign in as '{shop.AdminUser}' with the configured password (Shop:AdminPassword)."
                : $"Sign in as '{shop.AdminUser}' with password '{generatedPassword}' (set Shop:AdminPassword to choose one).");
        });
        return app;
    }

    /// <summary>The address the started application listens on.</summary>
    /// <param name="app">A started application.</param>
    /// <returns>The first address, a wildcard host as loopback; for example <c>http://127.0.0.1:5080/</c>.</returns>
    public static Uri Address(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return ListeningAddress(app.Services.GetRequiredService<IServer>())
            ?? throw new InvalidOperationException("The application is not started.");
    }

    /// <summary><c>Shop:PublicBaseUrl</c> with a trailing <c>/</c>, or <see langword="null"/> when not set.</summary>
    private static Uri? ConfiguredPublicBaseUrl(string? configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            throw new InvalidOperationException(
                $"Shop:PublicBaseUrl must be an absolute http or https URL, such as https://shop.example/ (got '{configured}').");
        }

        return configured.EndsWith('/') ? url : new Uri(configured + "/");
    }

    /// <summary>The addresses listed in <c>Shop:KnownProxies</c>.</summary>
    private static IPAddress[] KnownProxies(IConfigurationSection section) =>
    [
        .. section.GetChildren().Select(proxy => IPAddress.TryParse(proxy.Value, out var address)
            ? address
            : throw new InvalidOperationException(
                $"{proxy.Path} must be the IP address of a reverse proxy, such as 10.0.0.2 (got '{proxy.Value}'); host names are not accepted.")),
    ];

    /// <summary>
    /// The first address the server listens on, as a client on this machine reaches it (a wildcard host, <c>*</c>,
    /// <c>+</c>, <c>0.0.0.0</c> or <c>[::]</c>, as <c>127.0.0.1</c>), ending with <c>/</c>; <see langword="null"/>
    /// before the server listens.
    /// </summary>
    private static Uri? ListeningAddress(IServer server)
    {
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } listening)
        {
            return null;
        }

        var address = BindingAddress.Parse(listening);
        if (address.IsUnixPipe || address.Port == 0)
        {
            return null; // not a TCP address, or not bound yet
        }

        var host = address.Host is "*" or "+" or "0.0.0.0" or "[::]" ? IPAddress.Loopback.ToString() : address.Host;
        return new UriBuilder(address.Scheme, host, address.Port, address.PathBase + "/").Uri;
    }
}
