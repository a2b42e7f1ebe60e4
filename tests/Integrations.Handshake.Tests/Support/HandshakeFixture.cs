using System.Collections.Concurrent;
using Integrations.Activation;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Integrations.Storage.Specification;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Handshake.Tests.Support;

/// <summary>
/// The library wired as a host wires it (<c>AddIntegrations().UseInMemoryStores()</c>, the real named HTTP client),
/// with a fake clock, a known admin and a subscriber that records every event.
/// </summary>
internal sealed class HandshakeFixture : IAsyncDisposable
{
    public static readonly Uri StoreBaseUrl = new("https://shop.example/");

    public static readonly Uri SuccessCallbackUrl = new("https://shop.example/admin/integration/loginSuccessCallback/");

    public HandshakeFixture(Action<ActivationOptions>? activation = null, Action<IntegrationsBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Events);
        services.AddSingleton<ILoggerProvider>(Logs);
        var builder = services.AddIntegrations()
            .UseInMemoryStores()
            .UseAdminPasswordVerifier<KnownAdmin>()
            .AddShopResources();
        configure?.Invoke(builder);
        builder.AddEventSubscriber<RecordingSubscriber>()
            .ConfigureActivation(options =>
            {
                options.StoreBaseUrl = StoreBaseUrl;
                options.SuccessCallbackUrl = SuccessCallbackUrl;
                options.AllowInsecureCallbackUrls = true; // the listener is plain http on loopback
                activation?.Invoke(options);
            });
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; } = new();

    public ConcurrentQueue<IntegrationEvent> Events { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public ServiceProvider Provider { get; }

    public IIntegrationStore Store => Provider.GetRequiredService<IIntegrationStore>();

    public ISecretProtector Protector => Provider.GetRequiredService<ISecretProtector>();

    public static AdminConfirmation Admin => KnownAdmin.Confirmation;

    /// <summary>Runs an admin action in its own scope, as one web request would.</summary>
    public async Task<T> AdminAsync<T>(Func<IIntegrationService, Task<T>> action)
    {
        await using var scope = Provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IIntegrationService>());
    }

    public Task<Integration> CreateAsync(Uri? callbackUrl = null, Uri? identityLinkUrl = null, string name = "Acme ERP") =>
        AdminAsync(service => service.CreateAsync(
            new IntegrationDraft
            {
                Name = name,
                Email = "ops@acme.example",
                CallbackUrl = callbackUrl?.AbsoluteUri,
                IdentityLinkUrl = identityLinkUrl?.AbsoluteUri,
                ResourceAccess = ResourceAccess.Custom,
                Resources = { "Magento_Catalog::products" },
            },
            Admin));

    public Task<ActivationResult> ActivateAsync(Guid id) => AdminAsync(service => service.ActivateAsync(id));

    public Task<ActivationResult> ReauthorizeAsync(Guid id) => AdminAsync(service => service.ReauthorizeAsync(id));

    public Task<Integration?> GetAsync(Guid id) => AdminAsync(service => service.GetAsync(id));

    public Task<IntegrationCredentials> RevealAsync(Guid id) => AdminAsync(service => service.RevealCredentialsAsync(id, Admin));

    public async Task<Integration?> FindByTokenAsync(string token) =>
        await Store.FindByTokenHashAsync(CredentialHasher.Hash(token), default);

    public ValueTask DisposeAsync() => Provider.DisposeAsync();

    private sealed class RecordingSubscriber(ConcurrentQueue<IntegrationEvent> events) : IIntegrationEventSubscriber
    {
        public ValueTask HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
        {
            events.Enqueue(integrationEvent);
            return ValueTask.CompletedTask;
        }
    }
}
