using Integrations.Core.Tests.Acl;
using Integrations.Activation;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Core.Tests.Lifecycle;

/// <summary>A real <see cref="IntegrationService"/> over the real in-memory stores, a fake clock and a known admin.</summary>
internal sealed class ServiceFixture
{
    public const string AdminPassword = "correct horse";

    public ServiceFixture()
    {
        Nonces = new InMemoryNonceStore(Time);
        Store = new InMemoryIntegrationStore(Nonces);
        Protector = new AesGcmSecretProtector(Options.Create(new SecretProtectionOptions { UseEphemeralKey = true }));
        var activation = Options.Create(new ActivationOptions());
        var httpClients = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        Service = new IntegrationService(
            Store,
            [new PasswordVerifier()],
            Acl.Provider,
            Protector,
            Time,
            NullLogger<IntegrationService>.Instance,
            new CallbackCredentialPoster(httpClients, activation, Time, Acl.Metrics.Metrics, NullLogger<CallbackCredentialPoster>.Instance),
            new IntegrationEventPublisher(new ServiceCollection().BuildServiceProvider(), NullLogger<IntegrationEventPublisher>.Instance),
            activation,
            Options.Create(new IntegrationsOptions()));
    }

    public FakeTimeProvider Time { get; } = new();

    public InMemoryNonceStore Nonces { get; }

    public InMemoryIntegrationStore Store { get; }

    public AesGcmSecretProtector Protector { get; }

    public AclSetup Acl { get; } = new(AclSetup.Shop);

    public IntegrationService Service { get; }

    public static AdminConfirmation Admin { get; } = new("admin", AdminPassword);

    public static AdminConfirmation WrongPassword { get; } = new("admin", "wrong");

    public static IntegrationDraft Draft(string name = "Acme ERP", string? callbackUrl = null) => new()
    {
        Name = name,
        Email = "ops@acme.example",
        CallbackUrl = callbackUrl,
        ResourceAccess = ResourceAccess.Custom,
        Resources = { "Magento_Catalog::products" },
    };

    public Task<Integration> CreateAsync(string name = "Acme ERP", string? callbackUrl = null) =>
        Service.CreateAsync(Draft(name, callbackUrl), Admin);

    private sealed class PasswordVerifier : IAdminPasswordVerifier
    {
        public ValueTask<bool> VerifyAsync(AdminConfirmation confirmation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(confirmation.AdminId == "admin" && confirmation.Password == AdminPassword);
    }
}
