using Integrations.AspNetCore;
using Integrations.AspNetCore.Authorization;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Client.Tests.Infrastructure;

/// <summary>
/// A shop on real Kestrel (127.0.0.1, free port) validating OAuth 1.0a with the library's own ASP.NET Core adapter and
/// in-memory stores: <c>GET /rest/V1/products</c> echoes its query, <c>POST /rest/V1/products</c> its form or JSON body.
/// </summary>
public sealed class ShopServer : IAsyncDisposable
{
    public const string Products = "Magento_Catalog::products";

    private readonly WebApplication _app;

    private ShopServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ShopServer> StartAsync(Action<OAuthOptions>? oauth = null)
    {
        var builder = LoopbackApp.CreateBuilder();
        builder.Services.AddIntegrations()
            .UseInMemoryStores()
            .UseAdminPasswordVerifier<Admin>()
            .AddResources(tree => tree.Add("Magento_Catalog::catalog", "Catalog", catalog => catalog.Add(Products, "Products")))
            .UseAspNetCore();
        if (oauth is not null)
        {
            builder.Services.Configure(oauth);
        }

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/rest/V1/products", (HttpContext c) => $"products {c.Request.QueryString} for {c.GetIntegration()!.Name}")
            .RequireIntegrationResources(Products);
        app.MapPost("/rest/V1/products", async (HttpContext c) =>
            {
                using var reader = new StreamReader(c.Request.Body);
                return $"created {await reader.ReadToEndAsync()} for {c.GetIntegration()!.Name}";
            })
            .RequireIntegrationResources(Products);
        await app.StartAsync();
        return new ShopServer(app, LoopbackApp.AddressOf(app));
    }

    /// <summary>Creates and activates an integration with access to the products (the access token is issued at once).</summary>
    public async Task<IntegrationCredentials> CreateActiveIntegrationAsync(string name = "Acme")
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
        var draft = new IntegrationDraft { Name = name, ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(Products);
        var created = await service.CreateAsync(draft, Admin.Confirmation);
        return (await service.ActivateAsync(created.Id)).Credentials;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Admin : IAdminPasswordVerifier
    {
        public static readonly AdminConfirmation Confirmation = new("admin", "secret-password");

        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(confirmation.AdminId == Confirmation.AdminId && confirmation.Password == Confirmation.Password);
    }
}
