using System.Security.Cryptography;
using Integrations.Security;
using Integrations.Storage.Specification;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// One "app instance" as a host wires it: its own service provider, its own context registration, the EF Core
/// stores, over a shared database.
/// </summary>
internal static class AppInstance
{
    /// <summary>A key ring shared by every instance of a test (as a deployment shares its configuration).</summary>
    public static readonly string SharedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static ServiceProvider Start(TestDatabase database, FakeTimeProvider time, Action<IntegrationsBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddDbContext<TestDbContext>(database.UseProvider);
        var builder = services.AddIntegrations()
            .UseEntityFrameworkCoreStores<TestDbContext>()
            .UseAdminPasswordVerifier<AcceptingAdminPasswordVerifier>()
            .ConfigureSecretProtection(o => o.Keys.Add(new SecretProtectionKey { Id = "k1", Key = SharedKey }));
        configure?.Invoke(builder);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
