using BenchmarkDotNet.Attributes;
using Integrations.Security;
using Integrations.Storage.EfCore.Stores;
using Integrations.Stores;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.Benchmarks;

/// <summary>
/// What one signed API request costs the store: a fresh context (one per request, as in a host), then the nonce
/// try-add or a credential lookup. Compare the 1 thousand and 10 million stored nonces rows of one provider.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 25)]
public class PerRequestBenchmarks
{
    private DbContextOptions<BenchDbContext> _options = null!;
    private long _nonce;
    private string _tokenHash = null!;

    [Params("SQLite", "PostgreSQL")]
    public string Provider { get; set; } = "SQLite";

    [Params(1_000, 10_000_000)]
    public int StoredNonces { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        BenchDatabase.PrepareAsync(Provider, StoredNonces).GetAwaiter().GetResult();
        _options = BenchDatabase.Options(Provider, StoredNonces);
        _tokenHash = CredentialHasher.Hash(BenchDatabase.AccessToken);
        _nonce = DateTimeOffset.UtcNow.Ticks;
    }

    /// <summary>Records a new nonce (the accepted-request path).</summary>
    [Benchmark]
    public async Task<bool> NonceTryAdd()
    {
        await using var db = new BenchDbContext(_options);
        var store = new EfCoreNonceStore<BenchDbContext>(db, TimeProvider.System);
        var nonce = (++_nonce).ToString("D32", System.Globalization.CultureInfo.InvariantCulture);
        var outcomes = await store.TryAddAsync([new NonceRecord(BenchDatabase.ConsumerKey, nonce, DateTimeOffset.UtcNow.AddMinutes(20), BenchDatabase.ConcurrencyToken)], default);
        return outcomes[0] == NonceOutcome.Recorded;
    }

    /// <summary>Finds the integration (consumer secret) by the request's consumer key.</summary>
    [Benchmark]
    public async Task<bool> LookupByConsumerKey()
    {
        await using var db = new BenchDbContext(_options);
        var store = new EfCoreIntegrationStore<BenchDbContext>(db);
        return await store.FindByConsumerKeyAsync(BenchDatabase.ConsumerKey, default) is not null;
    }

    /// <summary>Finds the integration (token secret) by the hash of the request's access token.</summary>
    [Benchmark]
    public async Task<bool> LookupByTokenHash()
    {
        await using var db = new BenchDbContext(_options);
        var store = new EfCoreIntegrationStore<BenchDbContext>(db);
        return await store.FindByTokenHashAsync(_tokenHash, default) is not null;
    }
}
