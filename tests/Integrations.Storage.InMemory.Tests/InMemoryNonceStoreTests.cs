using FluentAssertions;
using Integrations.Model;
using Integrations.Storage.Specification;
using Integrations.Stores;

namespace Integrations.Storage.InMemory.Tests;

public sealed class InMemoryNonceStoreTests : NonceStoreSpecification
{
    private readonly Func<ValueTask<IStoreScope>> _open;

    public InMemoryNonceStoreTests() => _open = InMemoryStoreScope.Over(Time);

    [Fact]
    public async Task Thousands_of_parallel_nonces_of_one_consumer_are_each_recorded_once_counted_and_removed_in_bounded_batches()
    {
        const int Count = 20_000;
        var consumer = SampleIntegrations.New("Busy consumer", Time.GetUtcNow(), IntegrationStatus.Active);
        await InScopeAsync(s => s.Integrations.CreateAsync(consumer, default));
        var store = (InMemoryNonceStore)(await OpenScopeAsync()).Nonces;
        var nonces = Enumerable.Range(0, Count).Select(i => $"nonce-{i:D12}-{Guid.NewGuid():N}").ToArray();
        var expires = Time.GetUtcNow().AddMinutes(10);

        var first = await AddInParallelAsync(store, consumer, nonces, expires);
        var again = await AddInParallelAsync(store, consumer, nonces, expires);

        first.Should().OnlyContain(outcome => outcome == NonceOutcome.Recorded);
        again.Should().OnlyContain(outcome => outcome == NonceOutcome.Used);
        store.Count(consumer.ConsumerKey).Should().Be(Count);
        var later = expires.AddSeconds(1);
        (await store.RemoveExpiredAsync(later, 7_000, default)).Should().Be(7_000);
        (await store.RemoveExpiredAsync(later, 7_000, default)).Should().Be(7_000);
        (await store.RemoveExpiredAsync(later, 7_000, default)).Should().Be(6_000);
        (await store.RemoveExpiredAsync(later, 7_000, default)).Should().Be(0);
        store.Count(consumer.ConsumerKey).Should().Be(0);
    }

    protected override ValueTask<IStoreScope> OpenScopeAsync() => _open();

    private static async Task<NonceOutcome[]> AddInParallelAsync(InMemoryNonceStore store, Integration consumer, string[] nonces, DateTimeOffset expires)
    {
        var outcomes = new NonceOutcome[nonces.Length];
        await Parallel.ForAsync(0, nonces.Length, async (i, ct) => outcomes[i] = await store.TryAddOneAsync(consumer, nonces[i], expires));
        return outcomes;
    }
}
