using System.Net;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Storage.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.AspNetCore.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) running the adapter on in-memory stores.</summary>
public sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>A client for <see cref="Address"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host.</summary>
    /// <param name="configureIntegrations">Adds to the integrations builder (after in-memory stores and the adapter).</param>
    /// <param name="mapEndpoints">Maps the endpoints under test.</param>
    /// <param name="configureServices">Anything else for the services.</param>
    /// <param name="authenticationScheme">The name of the integrations scheme (default: the library's).</param>
    /// <param name="beforeAuthentication">Middleware that runs before authentication (e.g. forwarded headers).</param>
    public static async Task<KestrelHost> StartAsync(
        Action<IntegrationsBuilder>? configureIntegrations,
        Action<WebApplication> mapEndpoints,
        Action<IServiceCollection>? configureServices = null,
        string authenticationScheme = AspNetCore.Authentication.IntegrationsAuthenticationDefaults.AuthenticationScheme,
        Action<WebApplication>? beforeAuthentication = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var integrations = builder.Services.AddIntegrations()
            .UseInMemoryStores()
            .UseAdminPasswordVerifier<TestAdminPasswordVerifier>()
            .UseAspNetCore(authenticationScheme);
        configureIntegrations?.Invoke(integrations);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        mapEndpoints(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelHost(app, new Uri(address + "/"));
    }

    /// <summary>Creates and activates an integration (no callback URL: the access token is issued at once).</summary>
    public async Task<ActivatedIntegration> CreateActiveIntegrationAsync(IntegrationDraft draft)
    {
        await using var scope = Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
        var created = await service.CreateAsync(draft, TestAdminPasswordVerifier.Admin);
        var activation = await service.ActivateAsync(created.Id);
        return new ActivatedIntegration(activation.Integration, activation.Credentials);
    }

    /// <summary>Runs something against the integration service.</summary>
    public async Task<T> WithServiceAsync<T>(Func<IIntegrationService, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IIntegrationService>());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>An active integration and its clear credentials.</summary>
public sealed record ActivatedIntegration(Integration Integration, IntegrationCredentials Credentials);
