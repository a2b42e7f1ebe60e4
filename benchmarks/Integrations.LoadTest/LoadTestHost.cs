using System.Net;
using System.Text.Json;
using Integrations.AspNetCore;
using Integrations.AspNetCore.Authorization;
using Integrations.Cleanup;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Security;
using Integrations.Storage.EfCore;
using Integrations.Storage.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.LoadTest;

/// <summary>
/// The host under load (run as its own process): Kestrel on 127.0.0.1, the adapter on the chosen store, one guarded
/// endpoint and its unguarded twin. The setup host creates the schema and one active integration; every host prints
/// <see cref="HostInfo"/> as one JSON line and stops when its standard input closes. The load generator owns the
/// database: it names it, and deletes it after the last host has stopped.
/// </summary>
internal static class LoadTestHost
{
    public const string Resource = "Magento_Catalog::products";
    public const string GuardedPath = "/rest/V1/products";
    public const string OpenPath = "/open/V1/products";

    public static async Task<int> RunAsync(HostSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // Only a failing nonce cleanup is worth a line (on standard error; standard output carries HostInfo).
        builder.Logging.AddFilter((category, level) => category == "Integrations.Cleanup.NonceCleanupService" && level >= LogLevel.Warning);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var integrations = builder.Services.AddIntegrations()
            .UseAdminPasswordVerifier<LoadTestAdmin>()
            .AddResources(tree => tree.Add("Magento_Catalog::catalog", "Catalog", c => c.Add(Resource, "Products")))
            .UseAspNetCore();
        var efCore = settings.Store != "memory";
        if (efCore)
        {
            builder.Services.AddDbContextPool<LoadTestDbContext>(o => LoadTestDatabase.Configure(o, settings.Store, settings.Database, settings.SqliteSynchronous));
            integrations.UseEntityFrameworkCoreStores<LoadTestDbContext>()
                .ConfigureSecretProtection(o => o.Keys.Add(new() { Id = "load", Key = settings.SecretKey }));
        }
        else
        {
            integrations.UseInMemoryStores();
        }

        if (settings.CleanupIntervalSeconds > 0)
        {
            integrations.AddNonceCleanup(o =>
            {
                o.Interval = TimeSpan.FromSeconds(settings.CleanupIntervalSeconds);
                o.BatchSize = settings.CleanupBatchSize > 0 ? settings.CleanupBatchSize : o.BatchSize;
            });
        }

        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(GuardedPath, () => Catalog.Page).RequireIntegrationResources(Resource);
        app.MapGet(OpenPath, () => Catalog.Page);

        if (efCore && settings.Setup)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<LoadTestDbContext>();
            await context.Database.EnsureCreatedAsync();
            if (settings.Store == "sqlite")
            {
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            }
        }

        await app.StartAsync();
        var credentials = settings.Setup ? await CreateIntegrationAsync(app.Services) : null;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Console.WriteLine(JsonSerializer.Serialize(new HostInfo(address, credentials)));
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    private static async Task<SigningCredentials> CreateIntegrationAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
        var draft = new IntegrationDraft { Name = "Load generator", ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(Resource);
        var created = await service.CreateAsync(draft, LoadTestAdmin.Confirmation);
        var credentials = (await service.ActivateAsync(created.Id)).Credentials;
        return new SigningCredentials(credentials.ConsumerKey, credentials.ConsumerSecret, credentials.AccessToken!, credentials.AccessTokenSecret!);
    }

    private static class Catalog
    {
        public static readonly object Page = new { items = new[] { new { sku = "shirt-blue", name = "Blue shirt", price = 12.5 } }, total_count = 1 };
    }

    private sealed class LoadTestAdmin : IAdminPasswordVerifier
    {
        public static readonly AdminConfirmation Confirmation = new("load", "load");

        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(confirmation.AdminId == Confirmation.AdminId && confirmation.Password == Confirmation.Password);
    }
}
