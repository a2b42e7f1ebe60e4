using Integrations.Stores;

namespace Integrations.Storage.Specification;

/// <summary>What every <see cref="INonceStore"/> must do, run unchanged against each store.</summary>
public abstract class NonceStoreSpecification : StoreSpecification
{
    private const string Consumer = "consumerkey000000000000000000001";
    private const string OtherConsumer = "consumerkey000000000000000000002";

    [Fact]
    public async Task A_nonce_is_accepted_once_per_consumer()
    {
        var expires = Time.GetUtcNow().AddMinutes(20);

        (await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "abcdefghijklmnop", expires, default))).Should().BeTrue();
        (await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "abcdefghijklmnop", expires, default))).Should().BeFalse();
        (await InScopeAsync(s => s.Nonces.TryAddAsync(OtherConsumer, "abcdefghijklmnop", expires, default))).Should().BeTrue();
        (await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "ABCDEFGHIJKLMNOP", expires, default))).Should().BeTrue("nonces are case-sensitive");
    }

    [Fact]
    public async Task Parallel_adds_of_one_nonce_have_exactly_one_winner()
    {
        var expires = Time.GetUtcNow().AddMinutes(20);
        var attempts = Enumerable.Range(0, 32).Select(_ => Task.Run(() => InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "replayed-nonce-0001", expires, default))));

        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(accepted => accepted).Should().Be(1);
    }

    [Fact]
    public async Task A_nonce_can_be_used_again_once_it_expired()
    {
        var expires = Time.GetUtcNow().AddMinutes(20);
        await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "expiring-nonce-0001", expires, default));

        Time.Advance(TimeSpan.FromMinutes(19));
        (await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "expiring-nonce-0001", Time.GetUtcNow().AddMinutes(20), default))).Should().BeFalse();

        Time.Advance(TimeSpan.FromMinutes(2));
        (await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "expiring-nonce-0001", Time.GetUtcNow().AddMinutes(20), default))).Should().BeTrue();
        (await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "expiring-nonce-0001", Time.GetUtcNow().AddMinutes(20), default))).Should().BeFalse();
    }

    [Fact]
    public async Task Parallel_adds_of_one_expired_nonce_have_exactly_one_winner()
    {
        await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "expired-then-raced-01", Time.GetUtcNow().AddMinutes(1), default));
        Time.Advance(TimeSpan.FromMinutes(2));
        var expires = Time.GetUtcNow().AddMinutes(20);

        var attempts = Enumerable.Range(0, 32).Select(_ => Task.Run(() => InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "expired-then-raced-01", expires, default))));
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(accepted => accepted).Should().Be(1);
    }

    [Fact]
    public async Task RemoveExpired_keeps_a_nonce_that_was_used_again_after_it_expired()
    {
        var now = Time.GetUtcNow();
        await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "reused-nonce-000001", now.AddMinutes(1), default));
        Time.Advance(TimeSpan.FromMinutes(2));
        (await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "reused-nonce-000001", Time.GetUtcNow().AddMinutes(20), default))).Should().BeTrue();

        (await InScopeAsync(s => s.Nonces.RemoveExpiredAsync(Time.GetUtcNow(), 10, default))).Should().Be(0);
        (await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "reused-nonce-000001", Time.GetUtcNow().AddMinutes(20), default))).Should().BeFalse();
    }

    [Fact]
    public async Task RemoveExpired_removes_only_expired_nonces_in_bounded_batches()
    {
        var now = Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, $"old-nonce-{i:D10}", now.AddMinutes(1), default));
        }

        await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "fresh-nonce-000001", now.AddMinutes(30), default));
        var later = now.AddMinutes(2);

        (await InScopeAsync(s => s.Nonces.RemoveExpiredAsync(later, 3, default))).Should().Be(3);
        (await InScopeAsync(s => s.Nonces.RemoveExpiredAsync(later, 3, default))).Should().Be(2);
        (await InScopeAsync(s => s.Nonces.RemoveExpiredAsync(later, 3, default))).Should().Be(0);
        (await InScopeAsync(s => s.Nonces.TryAddAsync(Consumer, "fresh-nonce-000001", now.AddMinutes(30), default))).Should().BeFalse("unexpired nonces are kept");
    }
}
