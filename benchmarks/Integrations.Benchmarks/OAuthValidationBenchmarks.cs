using System.Buffers.Text;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using System.Diagnostics.Metrics;
using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integrations.Benchmarks;

/// <summary>
/// The representative API call of issue 3: <c>POST https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20&amp;fields=items[sku,name]</c>
/// with a 3-field form body, an <c>Authorization</c> header with realm and the usual oauth parameters, and 32-character
/// Magento-style credentials. Compares the floor (one-shot HMAC over the precomputed base string, base64, fixed-time
/// compare) with the engine's full validation (in-memory store, nonce recording excluded) and with the signer.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OAuthValidationBenchmarks
{
    private const string Url = "https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20&fields=items[sku,name]";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private OAuthRequestValidator _validator = null!;
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private OAuthKeyCache _keys = null!;
    private OAuthSigner _signer = null!;
    private OAuthWireRequest _request;
    private OAuthWireRequest _unsigned;
    private OAuthClientCredentials _credentials = null!;
    private byte[] _key = null!;
    private byte[] _baseString = null!;
    private byte[] _expectedSignature = null!;

    [Params(OAuthSignatureMethod.HmacSha1, OAuthSignatureMethod.HmacSha256)]
    public OAuthSignatureMethod Method { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var time = new FixedTimeProvider(Now);
        var protector = new AesGcmSecretProtector(Options.Create(new SecretProtectionOptions { UseEphemeralKey = true }));
        var nonces = new InMemoryNonceStore(time);
        var store = new InMemoryIntegrationStore(nonces);
        var consumerKey = CredentialGenerator.Create();
        var consumerSecret = CredentialGenerator.Create();
        var token = CredentialGenerator.Create();
        var tokenSecret = CredentialGenerator.Create();
        store.CreateAsync(
            new Integration
            {
                Id = Guid.NewGuid(),
                Name = "Benchmark ERP",
                ResourceAccess = ResourceAccess.All,
                Resources = ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
                Status = IntegrationStatus.Active,
                CreatedAt = Now,
                UpdatedAt = Now,
                ConcurrencyToken = Guid.NewGuid().ToString("N"),
                ConsumerKey = consumerKey,
                ProtectedConsumerSecret = protector.Protect(consumerSecret),
                Token = new IntegrationToken(OAuthTokenType.Access, CredentialHasher.Hash(token), protector.Protect(token), protector.Protect(tokenSecret), Now),
            },
            CancellationToken.None).AsTask().GetAwaiter().GetResult();

        var options = Options.Create(new OAuthOptions());
        _keys = new OAuthKeyCache(protector, options, time);
        var metrics = new IntegrationsMetrics(_meters.GetRequiredService<IMeterFactory>());
        var storage = Options.Create(new StorageOptions());
        _validator = new OAuthRequestValidator(
            store,
            nonces,
            new NonceRecorder(_meters.GetRequiredService<IServiceScopeFactory>(), storage),
            new StorageAvailability(time, metrics, NullLogger<StorageAvailability>.Instance),
            storage,
            _keys,
            new RequestOrigin(options),
            options,
            time,
            metrics,
            NullLogger<OAuthRequestValidator>.Instance,
            new OAuthRefusalLog(NullLogger<OAuthRefusalLog>.Instance, time))
        {
            RecordsNonces = false,
        };
        _signer = new OAuthSigner(time);
        _unsigned = new OAuthWireRequest
        {
            Method = "POST",
            Url = Url,
            ContentType = "application/x-www-form-urlencoded",
            Body = Encoding.ASCII.GetBytes("sku=MS-Champion-S&name=Champion+Hoodie&price=39.99"),
        };
        _credentials = new OAuthClientCredentials
        {
            ConsumerKey = consumerKey,
            ConsumerSecret = consumerSecret,
            Token = token,
            TokenSecret = tokenSecret,
            SignatureMethod = Method,
            Realm = "shop",
            Nonce = "0k3n9zq4w8x1m5v7c2b6n4j8h1g3f5d7",
        };
        _request = _unsigned with { Authorization = _signer.CreateAuthorizationHeader(_unsigned, _credentials) };

        if (!_signer.TryCreateSignatureBase(_request, out var signatureBase, out _))
        {
            throw new InvalidOperationException("The benchmark request does not parse.");
        }

        _baseString = Encoding.ASCII.GetBytes(signatureBase.BaseString);
        _key = Encoding.ASCII.GetBytes(consumerSecret + "&" + tokenSecret);
        _expectedSignature = Encoding.ASCII.GetBytes(signatureBase.Parameters.Signature!);
        if (!Floor() || !FullValidation())
        {
            throw new InvalidOperationException("The benchmark request does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _keys.Dispose();
        _meters.Dispose();
    }

    /// <summary>The floor: one-shot HMAC over the precomputed base string, base64, fixed-time compare.</summary>
    [Benchmark(Baseline = true)]
    public bool Floor()
    {
        Span<byte> hash = stackalloc byte[32];
        var length = Method == OAuthSignatureMethod.HmacSha1
            ? HMACSHA1.HashData(_key, _baseString, hash)
            : HMACSHA256.HashData(_key, _baseString, hash);
        Span<byte> base64 = stackalloc byte[44];
        Base64.EncodeToUtf8(hash[..length], base64, out _, out var written);
        return CryptographicOperations.FixedTimeEquals(base64[..written], _expectedSignature);
    }

    /// <summary>The engine's full validation: parse, collect, normalize, base string, HMAC, compare; in-memory store, no nonce recording.</summary>
    [Benchmark]
    public bool FullValidation()
    {
        // the in-memory store completes synchronously, so this measures the engine without a thread switch
        var validation = _validator.ValidateAsync(_request, OAuthFlow.ProtectedResource);
        return validation.IsCompletedSuccessfully
            ? validation.Result.Succeeded
            : validation.AsTask().GetAwaiter().GetResult().Succeeded;
    }

    /// <summary>The public signer verifying with given secrets (no store, no cache).</summary>
    [Benchmark]
    public bool SignerVerify() => _signer.Verify(_request, _credentials.ConsumerSecret, _credentials.TokenSecret).IsValid;

    /// <summary>The public signer building the Authorization header of an outgoing request.</summary>
    [Benchmark]
    public string SignerCreateHeader() => _signer.CreateAuthorizationHeader(_unsigned, _credentials);

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
