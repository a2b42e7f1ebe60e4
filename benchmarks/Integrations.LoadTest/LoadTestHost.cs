using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Integrations.AspNetCore;
using Integrations.AspNetCore.Authorization;
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
using Npgsql;

namespace Integrations.LoadTest;

/// <summary>
/// The host under load (run as its own process): Kestrel on 127.0.0.1, the adapter on the chosen store, one guarded
/// endpoint and its unguarded twin. It creates one active integration, prints <see cref="HostInfo"/> as one JSON line,
/// and stops when its standard input closes (dropping its PostgreSQL database or deleting its SQLite file).
/// </summary>
internal static class LoadTestHost
{
    public const string Resource = "Magento_Catalog::products";
    public const string GuardedPath = "/rest/V1/products";
    public const string OpenPath = "/open/V1/products";

    public static async Task<int> RunAsync(string store, string? postgres, string sqliteSynchronous)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var integrations = builder.Services.AddIntegrations()
            .UseAdminPasswordVerifier<LoadTestAdmin>()
            .AddResources(tree => tree.Add("Magento_Catalog::catalog", "Catalog", c => c.Add(Resource, "Products")))
            .UseAspNetCore();
        string? database = null;
        switch (store)
        {
            case "postgres":
                var connection = new NpgsqlConnectionStringBuilder(postgres) { Database = "loadtest_" + Guid.NewGuid().ToString("N") };
                database = connection.Database;
                UseEntityFrameworkCore(builder.Services, integrations, o => o.UseNpgsql(connection.ConnectionString));
                break;
            case "sqlite":
                var file = Path.Combine(Path.GetTempPath(), "loadtest_" + Guid.NewGuid().ToString("N") + ".db");
                UseEntityFrameworkCore(builder.Services, integrations, o => o.UseSqlite("Data Source=" + file).AddInterceptors(new SqliteSynchronousInterceptor(sqliteSynchronous)));
                break;
            default:
                integrations.UseInMemoryStores();
                break;
        }

        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(GuardedPath, () => Catalog.Page).RequireIntegrationResources(Resource);
        app.MapGet(OpenPath, () => Catalog.Page);

        var efCore = store != "memory";
        if (efCore)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<LoadTestDbContext>();
            await context.Database.EnsureCreatedAsync();
            if (store == "sqlite")
            {
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            }
        }

        try
        {
            await app.StartAsync();
            var credentials = await CreateIntegrationAsync(app.Services);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            Console.WriteLine(JsonSerializer.Serialize(new HostInfo(address, credentials.ConsumerKey, credentials.ConsumerSecret,
                credentials.AccessToken!, credentials.AccessTokenSecret!, database)));
            await Console.In.ReadToEndAsync();
            await app.StopAsync();
        }
        finally
        {
            if (efCore)
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<LoadTestDbContext>().Database.EnsureDeletedAsync();
            }
        }

        return 0;
    }

    private static void UseEntityFrameworkCore(IServiceCollection services, IntegrationsBuilder integrations, Action<DbContextOptionsBuilder> configure)
    {
        services.AddDbContextPool<LoadTestDbContext>(configure);
        integrations.UseEntityFrameworkCoreStores<LoadTestDbContext>()
            .ConfigureSecretProtection(o => o.Keys.Add(new() { Id = "load", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
    }

    private static async Task<IntegrationCredentials> CreateIntegrationAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<IIntegrationService>();
        var draft = new IntegrationDraft { Name = "Load generator", ResourceAccess = ResourceAccess.Custom };
        draft.Resources.Add(Resource);
        var created = await service.CreateAsync(draft, LoadTestAdmin.Confirmation);
        return (await service.ActivateAsync(created.Id)).Credentials;
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
