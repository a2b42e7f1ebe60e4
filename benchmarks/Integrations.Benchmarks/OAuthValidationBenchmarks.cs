using System.Buffers.Text;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Storage.InMemory;
using Integrations.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations.Benchmarks;

/// <summary>
/// The representative API call of issue 3: <c>POST https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20&amp;fields=items[sku,name]</c>
/// with a 3-field form body, an <c>Authorization</c> header with realm and the usual oauth parameters, and 32-character
/// Magento-style credentials, signed for one of 1,000 active integrations, taken in turn. The engine is wired as a host
/// wires it (<c>AddIntegrations().UseInMemoryStores()</c>, resolved from the container) and compared with the floor: a
/// one-shot HMAC over the precomputed base string, base64 and a fixed-time compare. Each iteration signs its requests
/// anew (outside the measurement): one per integration for the rows whose nonce store keeps nothing (a request a
/// server validates was just parsed, so it is in the processor's cache, as these 1,000 stay), and a fresh nonce for
/// every call of the row that records nonces.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InvocationCount(RequestsPerIteration)]
public class OAuthValidationBenchmarks
{
    private const int RequestsPerIteration = 1 << 15;
    private const int IntegrationCount = 1000;
    private const string Url = "https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20&fields=items[sku,name]";

    private static readonly OAuthWireRequest Unsigned = new()
    {
        Method = "POST",
        Url = Url,
        ContentType = "application/x-www-form-urlencoded",
        Body = Encoding.ASCII.GetBytes("sku=MS-Champion-S&name=Champion+Hoodie&price=39.99"),
    };

    private readonly OAuthSigner _signer = new();
    private readonly OAuthClientCredentials[] _credentials = new OAuthClientCredentials[IntegrationCount];
    private readonly byte[][] _floorKeys = new byte[IntegrationCount][];
    private readonly byte[][] _floorBaseStrings = new byte[IntegrationCount][];
    private readonly byte[][] _floorSignatures = new byte[IntegrationCount][];
    private readonly OAuthWireRequest[] _requests = new OAuthWireRequest[RequestsPerIteration];
    private readonly OAuthWireRequest[] _perIntegration = new OAuthWireRequest[IntegrationCount];
    private ServiceProvider _forgetting = null!;
    private ServiceProvider _recording = null!;
    private IOAuthRequestValidator _forgettingValidator = null!;
    private IOAuthRequestValidator _recordingValidator = null!;
    private int _next;

    [Params(OAuthSignatureMethod.HmacSha1, OAuthSignatureMethod.HmacSha256)]
    public OAuthSignatureMethod Method { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _forgetting = Host(services => services.Replace(ServiceDescriptor.Singleton<INonceStore, ForgettingNonceStore>()));
        _recording = Host(_ => { });
        _forgettingValidator = _forgetting.GetRequiredService<IOAuthRequestValidator>();
        _recordingValidator = _recording.GetRequiredService<IOAuthRequestValidator>();
        for (var i = 0; i < IntegrationCount; i++)
        {
            _credentials[i] = new OAuthClientCredentials
            {
                ConsumerKey = CredentialGenerator.Create(),
                ConsumerSecret = CredentialGenerator.Create(),
                Token = CredentialGenerator.Create(),
                TokenSecret = CredentialGenerator.Create(),
                SignatureMethod = Method,
                Realm = "shop",
            };
            Register(_forgetting, _credentials[i]);
            Register(_recording, _credentials[i]);
            var request = Unsigned with { Authorization = _signer.CreateAuthorizationHeader(Unsigned, _credentials[i]) };
            if (!_signer.TryCreateSignatureBase(request, out var signatureBase, out _))
            {
                throw new InvalidOperationException("The benchmark request does not parse.");
            }

            _floorBaseStrings[i] = Encoding.ASCII.GetBytes(signatureBase.BaseString);
            _floorKeys[i] = Encoding.ASCII.GetBytes(_credentials[i].ConsumerSecret + "&" + _credentials[i].TokenSecret);
            _floorSignatures[i] = Encoding.ASCII.GetBytes(signatureBase.Parameters.Signature!);
        }
    }

    /// <summary>Signs the next iteration's requests with fresh nonces: one per integration, and one per call for integrations taken in turn.</summary>
    [IterationSetup]
    public void SignRequests()
    {
        for (var i = 0; i < _perIntegration.Length; i++)
        {
            _perIntegration[i] = Unsigned with { Authorization = _signer.CreateAuthorizationHeader(Unsigned, _credentials[i]) };
        }

        for (var i = 0; i < _requests.Length; i++)
        {
            _requests[i] = Unsigned with { Authorization = _signer.CreateAuthorizationHeader(Unsigned, _credentials[(i * 7919) % IntegrationCount]) };
        }

        _next = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _forgetting.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _recording.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The floor: one-shot HMAC over a precomputed base string, base64, fixed-time compare.</summary>
    [Benchmark(Baseline = true)]
    public bool Floor()
    {
        var i = _next++ % IntegrationCount;
        Span<byte> hash = stackalloc byte[32];
        var length = Method == OAuthSignatureMethod.HmacSha1
            ? HMACSHA1.HashData(_floorKeys[i], _floorBaseStrings[i], hash)
            : HMACSHA256.HashData(_floorKeys[i], _floorBaseStrings[i], hash);
        Span<byte> base64 = stackalloc byte[44];
        Base64.EncodeToUtf8(hash[..length], base64, out _, out var written);
        return CryptographicOperations.FixedTimeEquals(base64[..written], _floorSignatures[i]);
    }

    /// <summary>
    /// <see cref="IOAuthRequestValidator.ValidateAsync"/> as a host resolves it, with a nonce store that answers "new"
    /// and keeps nothing: the work other OAuth libraries do (the target row).
    /// </summary>
    [Benchmark]
    public bool Validate() => Succeeds(_forgettingValidator.ValidateAsync(_perIntegration[_next++ % IntegrationCount], OAuthFlow.ProtectedResource));

    /// <summary>The same with the in-memory nonce store recording every nonce.</summary>
    [Benchmark]
    public bool ValidateRecordingNonces() => Succeeds(_recordingValidator.ValidateAsync(_requests[_next++], OAuthFlow.ProtectedResource));

    /// <summary>The public stateless <see cref="IOAuthSigner.Verify"/> with the secrets given.</summary>
    [Benchmark]
    public bool SignerVerify()
    {
        var i = _next++ % IntegrationCount;
        return _signer.Verify(_perIntegration[i], _credentials[i].ConsumerSecret, _credentials[i].TokenSecret).IsValid;
    }

    /// <summary>The public signer building the Authorization header of an outgoing request.</summary>
    [Benchmark]
    public string SignerCreateHeader() => _signer.CreateAuthorizationHeader(Unsigned, _credentials[_next++ % IntegrationCount]);

    private static bool Succeeds(ValueTask<OAuthValidationResult> validation)
    {
        // the in-memory stores complete synchronously, so this measures the engine without a thread switch
        var result = validation.IsCompletedSuccessfully ? validation.Result : validation.AsTask().GetAwaiter().GetResult();
        return result.Succeeded ? true : throw new InvalidOperationException($"The benchmark request was refused: {result.Problem}");
    }

    private static ServiceProvider Host(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddIntegrations().UseInMemoryStores();
        configure(services);
        return services.BuildServiceProvider();
    }

    private static void Register(ServiceProvider host, OAuthClientCredentials credentials)
    {
        var protector = host.GetRequiredService<ISecretProtector>();
        var now = DateTimeOffset.UtcNow;
        host.GetRequiredService<IIntegrationStore>().CreateAsync(
            new Integration
            {
                Id = Guid.NewGuid(),
                Name = "ERP " + credentials.ConsumerKey,
                ResourceAccess = ResourceAccess.All,
                Resources = ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
                Status = IntegrationStatus.Active,
                CreatedAt = now,
                UpdatedAt = now,
                ConcurrencyToken = Guid.NewGuid().ToString("N"),
                ConsumerKey = credentials.ConsumerKey,
                ProtectedConsumerSecret = protector.Protect(credentials.ConsumerSecret),
                Token = new IntegrationToken(OAuthTokenType.Access, CredentialHasher.Hash(credentials.Token!), protector.Protect(credentials.Token!), protector.Protect(credentials.TokenSecret!), now),
            },
            CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A nonce store that answers "new" for every nonce and keeps nothing: what libraries without replay protection do.</summary>
    private sealed class ForgettingNonceStore : INonceStore
    {
        private static readonly IReadOnlyList<NonceOutcome> One = [NonceOutcome.Recorded];

        public ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken) =>
            ValueTask.FromResult(records.Count == 1 ? One : records.Select(_ => NonceOutcome.Recorded).ToArray());

        public ValueTask<NonceOutcome> TryAddAsync(NonceRecord record, CancellationToken cancellationToken) => ValueTask.FromResult(NonceOutcome.Recorded);

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) => ValueTask.FromResult(0);
    }
}
