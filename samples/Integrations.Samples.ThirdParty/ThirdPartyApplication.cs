using System.Net;
using Integrations.OAuth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Integrations.Samples.ThirdParty;

/// <summary>Builds the third-party sample ("Acme ERP"): it receives a shop's credentials and calls the shop's API.</summary>
public static class ThirdPartyApplication
{
    /// <summary>The address the app listens on unless <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5090";

    /// <summary>Creates the app from command-line arguments (any ASP.NET Core configuration key works, e.g. <c>--urls</c>).</summary>
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
        builder.Services.AddSingleton<ShopConnections>();
        builder.Services.AddSingleton<PendingExchanges>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IOAuthSigner, OAuthSigner>();
        builder.Services.AddHttpClient<ShopOAuthClient>(client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddHostedService<ExchangeWorker>();

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
