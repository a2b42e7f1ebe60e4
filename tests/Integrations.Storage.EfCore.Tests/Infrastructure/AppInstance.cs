using System.Security.Cryptography;
using Integrations.Lifecycle;
using Integrations.OAuth;
using Integrations.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// One "app instance" as a host wires it: its own service provider, its own context registration, the EF Core
/// stores, over a shared database.
/// </summary>
internal static class AppInstance
{
    /// <summary>A key ring shared by every instance of a test (as a deployment shares its configuration).</summary>
    public static readonly string SharedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <param name="database">The shared database.</param>
    /// <param name="time">The shared clock.</param>
    /// <param name="configure">More configuration of the integrations.</param>
    /// <param name="pooledContexts">Registers the context with <c>AddDbContextPool</c> (contexts reused across requests) instead of <c>AddDbContext</c>.</param>
    public static ServiceProvider Start(TestDatabase database, FakeTimeProvider time, Action<IntegrationsBuilder>? configure = null, bool pooledContexts = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        if (pooledContexts)
        {
            services.AddDbContextPool<TestDbContext>(database.Configure);
        }
        else
        {
            services.AddDbContext<TestDbContext>(database.Configure);
        }

        var builder = services.AddIntegrations()
            .UseEntityFrameworkCoreStores<TestDbContext>()
            .UseAdminPasswordVerifier<AcceptingAdminPasswordVerifier>()
            .ConfigureSecretProtection(o => o.Keys.Add(new SecretProtectionKey { Id = "k1", Key = SharedKey }));
        configure?.Invoke(builder);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>A GET API call signed with an integration's access credentials (fresh nonce), as a client sends it.</summary>
    public static OAuthWireRequest SignedCall(IServiceProvider app, IntegrationCredentials credentials, string url)
    {
        var call = new OAuthWireRequest { Method = "GET", Url = url };
        return call with
        {
            Authorization = app.GetRequiredService<IOAuthSigner>().CreateAuthorizationHeader(call, new OAuthClientCredentials
            {
                ConsumerKey = credentials.ConsumerKey,
                ConsumerSecret = credentials.ConsumerSecret,
                Token = credentials.AccessToken,
                TokenSecret = credentials.AccessTokenSecret,
            }),
        };
    }

    /// <summary>Validates an API call in a request scope of its own, as the adapter does.</summary>
    public static async Task<OAuthValidationResult> ValidateAsync(IServiceProvider app, OAuthWireRequest call)
    {
        await using var request = app.CreateAsyncScope();
        return await request.ServiceProvider.GetRequiredService<IOAuthRequestValidator>().ValidateAsync(call, OAuthFlow.ProtectedResource);
    }
}
