using System.Collections.Immutable;
using Integrations.Core.Tests.Diagnostics;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.OAuth.Signing;
using Integrations.OAuth.Validation;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Core.Tests.OAuth;

/// <summary>A real <see cref="OAuthRequestValidator"/> over the in-memory stores, a real secret protector and a fake clock.</summary>
internal sealed class ValidatorFixture : IDisposable
{
    public const string ApiUrl = "https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20";

    public ValidatorFixture(Action<OAuthOptions>? configure = null, DateTimeOffset? now = null)
    {
        Time = now is { } start ? new FakeTimeProvider(start) : new FakeTimeProvider();
        Nonces = new InMemoryNonceStore(Time);
        Store = new InMemoryIntegrationStore(Nonces);
        Protector = new AesGcmSecretProtector(Options.Create(new SecretProtectionOptions { UseEphemeralKey = true }));
        configure?.Invoke(OAuthOptions);
        var options = Options.Create(OAuthOptions);
        Keys = new OAuthKeyCache(Protector, options, Time);
        Availability = new StorageAvailability(Time, Metrics.Metrics, LoggerFor<StorageAvailability>());
        Refusals = new OAuthRefusalLog(LoggerFor<OAuthRefusalLog>(), Time);
        Validator = CreateValidator(Store);
        Signer = new OAuthSigner(Time, OAuthOptions);
    }

    public OAuthOptions OAuthOptions { get; } = new();

    public StorageOptions StorageOptions { get; } = new();

    /// <summary>What the fixture's validators and storage availability log.</summary>
    public FakeLogCollector Log { get; } = new();

    public StorageAvailability Availability { get; }

    /// <summary>Logs and counts what the fixture's validators refuse.</summary>
    public OAuthRefusalLog Refusals { get; }

    public RecordedMetrics Metrics { get; } = new();

    public FakeTimeProvider Time { get; }

    public InMemoryNonceStore Nonces { get; }

    public InMemoryIntegrationStore Store { get; }

    public AesGcmSecretProtector Protector { get; }

    public OAuthKeyCache Keys { get; }

    public OAuthRequestValidator Validator { get; }

    public OAuthSigner Signer { get; }

    /// <summary>A validator like <see cref="Validator"/> over another integration store (a failing one, say) and, optionally, another nonce store.</summary>
    public OAuthRequestValidator CreateValidator(IIntegrationStore store, INonceStore? nonces = null)
    {
        var options = Options.Create(OAuthOptions);
        var storage = Options.Create(StorageOptions);
        var services = new ServiceCollection().AddSingleton(store).AddSingleton(nonces ?? Nonces).BuildServiceProvider();
        return new OAuthRequestValidator(new ScopedStores(services), new NonceRecorder(services.GetRequiredService<IServiceScopeFactory>(), storage), Availability, storage, Keys, new RequestOrigin(options), options, Time, Metrics.Metrics, LoggerFor<OAuthRequestValidator>(), Refusals);
    }

    private FakeLogger<T> LoggerFor<T>() => new(Log);

    /// <summary>A Bearer token validator over an integration store.</summary>
    public BearerTokenValidator CreateBearerValidator(IIntegrationStore store) =>
        new(store, Availability, Options.Create(StorageOptions), Metrics.Metrics, Refusals);

    /// <summary>Stores an integration holding a token of the given type (or none) and returns it with its clear credentials.</summary>
    public async Task<TestIntegration> AddAsync(IntegrationStatus status = IntegrationStatus.Active, OAuthTokenType? tokenType = OAuthTokenType.Access, bool bearerTokenAllowed = false)
    {
        var now = Time.GetUtcNow();
        var consumerSecret = CredentialGenerator.Create();
        var token = CredentialGenerator.Create();
        var tokenSecret = CredentialGenerator.Create();
        var integration = new Integration
        {
            Id = Guid.NewGuid(),
            Name = "Integration " + Guid.NewGuid().ToString("N"),
            ResourceAccess = ResourceAccess.All,
            Resources = ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
            ConcurrencyToken = Guid.NewGuid().ToString("N"),
            ConsumerKey = CredentialGenerator.Create(),
            BearerTokenAllowed = bearerTokenAllowed,
            ProtectedConsumerSecret = Protector.Protect(consumerSecret),
            Token = tokenType is { } type
                ? new IntegrationToken(type, CredentialHasher.Hash(token), Protector.Protect(token), Protector.Protect(tokenSecret), now)
                : null,
        };
        await Store.CreateAsync(integration, CancellationToken.None);
        return new TestIntegration(integration, consumerSecret, tokenType is null ? null : token, tokenType is null ? null : tokenSecret);
    }

    /// <summary>Signs a request the way a correct client does, with the fixture's clock.</summary>
    public OAuthWireRequest Sign(OAuthWireRequest request, TestIntegration integration, OAuthSignatureMethod method = OAuthSignatureMethod.HmacSha256, string? nonce = null, string? verifier = null, string? callback = null, long? timestamp = null) =>
        request with
        {
            Authorization = Signer.CreateAuthorizationHeader(request, new OAuthClientCredentials
            {
                ConsumerKey = integration.ConsumerKey,
                ConsumerSecret = integration.ConsumerSecret,
                Token = integration.Token,
                TokenSecret = integration.TokenSecret,
                SignatureMethod = method,
                Nonce = nonce,
                Verifier = verifier,
                Callback = callback,
                Timestamp = timestamp,
                Realm = "shop",
            }),
        };

    public OAuthWireRequest SignedApiCall(TestIntegration integration, OAuthSignatureMethod method = OAuthSignatureMethod.HmacSha256, string? nonce = null) =>
        Sign(new OAuthWireRequest { Method = "GET", Url = ApiUrl }, integration, method, nonce);

    public ValueTask<OAuthValidationResult> ValidateAsync(OAuthWireRequest request, OAuthFlow? flow = null) =>
        Validator.ValidateAsync(request, flow ?? OAuthFlow.ProtectedResource);

    public void Dispose()
    {
        Keys.Dispose();
        Refusals.Dispose();
        Metrics.Dispose();
    }
}

/// <summary>A stored integration and its clear credentials.</summary>
internal sealed record TestIntegration(Integration Integration, string ConsumerSecret, string? Token, string? TokenSecret)
{
    public string ConsumerKey => Integration.ConsumerKey;
}
