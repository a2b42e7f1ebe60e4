using System.Net;
using Integrations.Client.Connections;
using Integrations.Client.Onboarding;
using Integrations.Client.Signing;
using Integrations.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Integrations.Samples.ThirdParty;

/// <summary>
/// Builds the third-party sample ("Acme ERP") on the client package: the onboarding receiver
/// (<c>MapIntegrationsCallback</c>), the token exchange, the connection store, and a typed API client signed by the
/// package's handler.
/// </summary>
public static class ThirdPartyApplication
{
    /// <summary>The address the app listens on unless <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5090";

    /// <summary>Creates the app from command-line arguments (any ASP.NET Core configuration key works, e.g. <c>--urls</c>, <c>--Integrations:AllowedStoreBaseUrls:0</c>).</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddIntegrationsClient(options =>
        {
            // The sample talks to the shop sample over http on this machine. A real app names its shops in
            // Integrations:AllowedStoreBaseUrls and keeps https.
            options.AllowInsecureStoreUrls = true;
            builder.Configuration.GetSection("Integrations").Bind(options);
            options.AcceptAnyStore |= options.AllowedStoreBaseUrls.Count == 0;
        });

        // The connections live in memory here, so the key that encrypts their secrets may too; an app with a database
        // uses AddIntegrationConnectionsEntityFrameworkCoreStore<TContext>() and configures SecretProtectionOptions.Keys.
        builder.Services.Configure<SecretProtectionOptions>(options => options.UseEphemeralKey = true);
        builder.Services.AddSingleton<ConnectionStatuses>();
        builder.Services.AddSingleton<IIntegrationConnectionObserver>(services => services.GetRequiredService<ConnectionStatuses>());
        builder.Services.AddHttpClient<ShopApiClient>(client => client.Timeout = TimeSpan.FromSeconds(10))
            .AddIntegrationsOAuthSigning<IntegrationConnectionCredentialsProvider>();

        var app = builder.Build();
        app.MapThirdParty();
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"Third party (Acme ERP) running at {app.Address()}"));
        return app;
    }

    /// <summary>The address the started application listens on.</summary>
    /// <param name="app">A started application.</param>
    /// <returns>The first address, for example <c>http://127.0.0.1:5090/</c>.</returns>
    public static Uri Address(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
            ?? throw new InvalidOperationException("The application is not started.");
        return new Uri(address.Replace("[::]", IPAddress.Loopback.ToString(), StringComparison.Ordinal));
    }
}
