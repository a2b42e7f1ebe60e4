using Integrations.OAuth;
using Integrations.Stores;
using Microsoft.Extensions.Time.Testing;

namespace Integrations.Core.Tests.OAuth;

/// <summary>The in-memory store's side of the window-edge replay (the EF Core side: RevocationEdgeTests).</summary>
public sealed class NonceWindowEdgeTests : IDisposable
{
    private readonly ValidatorFixture _fixture = new(now: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_replay_checked_at_the_last_second_of_the_window_is_refused_by_the_in_memory_store_even_when_its_add_runs_a_moment_later()
    {
        var latency = TimeSpan.FromMilliseconds(300);
        var validator = _fixture.CreateValidator(_fixture.Store, new SlowNonceStore(_fixture.Nonces, _fixture.Time, latency));
        var integration = await _fixture.AddAsync();
        var call = _fixture.SignedApiCall(integration); // oauth_timestamp = now, a whole second

        (await validator.ValidateAsync(call, OAuthFlow.ProtectedResource)).Succeeded.Should().BeTrue();

        // 600 s window: the timestamp is still accepted at 600.8 s
        _fixture.Time.Advance(TimeSpan.FromSeconds(600) + TimeSpan.FromMilliseconds(800) - latency);
        var replayed = await validator.ValidateAsync(call, OAuthFlow.ProtectedResource);

        // the store replaced the first use as expired by its clock, read after the decision: the timestamp had left the window by then
        replayed.Succeeded.Should().BeFalse("the same nonce within the timestamp window is a replay");
        replayed.Problem!.Reason.Should().Be(OAuthProblemReason.TimestampRefused);
    }

    /// <summary>A nonce store whose add runs <c>latency</c> (on the fake clock) after it is called.</summary>
    private sealed class SlowNonceStore(INonceStore inner, FakeTimeProvider time, TimeSpan latency) : INonceStore
    {
        public ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
        {
            time.Advance(latency);
            return inner.TryAddAsync(records, cancellationToken);
        }

        public ValueTask<NonceOutcome> TryAddAsync(NonceRecord record, CancellationToken cancellationToken)
        {
            time.Advance(latency);
            return inner.TryAddAsync(record, cancellationToken);
        }

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
            inner.RemoveExpiredAsync(now, batchSize, cancellationToken);
    }
}
