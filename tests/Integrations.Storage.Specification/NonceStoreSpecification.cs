using Integrations.Model;
using Integrations.Stores;

namespace Integrations.Storage.Specification;

/// <summary>What every <see cref="INonceStore"/> must do, run unchanged against each store.</summary>
public abstract class NonceStoreSpecification : StoreSpecification
{
    [Fact]
    public async Task A_nonce_is_accepted_once_per_consumer()
    {
        var consumer = await StoredIntegrationAsync("Nonce consumer");
        var other = await StoredIntegrationAsync("Other nonce consumer");
        var expires = Time.GetUtcNow().AddMinutes(20);

        (await TryAddAsync(consumer, "abcdefghijklmnop", expires)).Should().Be(NonceOutcome.Recorded);
        (await TryAddAsync(consumer, "abcdefghijklmnop", expires)).Should().Be(NonceOutcome.Used);
        (await TryAddAsync(other, "abcdefghijklmnop", expires)).Should().Be(NonceOutcome.Recorded);
        (await TryAddAsync(consumer, "ABCDEFGHIJKLMNOP", expires)).Should().Be(NonceOutcome.Recorded, "nonces are case-sensitive");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(255)]
    public async Task Nonces_of_any_stored_length_are_compared_exactly(int length)
    {
        var consumer = await StoredIntegrationAsync($"Nonce length {length}");
        var expires = Time.GetUtcNow().AddMinutes(20);
        var nonce = new string('n', length - 1);

        (await TryAddAsync(consumer, nonce + "a", expires)).Should().Be(NonceOutcome.Recorded);
        (await TryAddAsync(consumer, nonce + "b", expires)).Should().Be(NonceOutcome.Recorded, "nonces that differ in their last character are different nonces");
        (await TryAddAsync(consumer, nonce + "a", expires)).Should().Be(NonceOutcome.Used);
        (await TryAddAsync(consumer, nonce + "b", expires)).Should().Be(NonceOutcome.Used);

        (await InScopeAsync(s => s.Nonces.RemoveExpiredAsync(expires, 10, default))).Should().Be(2);
        (await TryAddAsync(consumer, nonce + "a", Time.GetUtcNow().AddMinutes(20))).Should().Be(NonceOutcome.Recorded, "the expired nonce was removed");
    }

    [Fact]
    public async Task Nonces_beyond_ascii_are_compared_exactly()
    {
        var consumer = await StoredIntegrationAsync("Unicode nonce consumer");
        var expires = Time.GetUtcNow().AddMinutes(20);

        (await TryAddAsync(consumer, "nonce-\u00e9t\u00e9-0001", expires)).Should().Be(NonceOutcome.Recorded);
        (await TryAddAsync(consumer, "nonce-\u00e9t\u00e9-0002", expires)).Should().Be(NonceOutcome.Recorded);
        (await TryAddAsync(consumer, "nonce-ete-0001", expires)).Should().Be(NonceOutcome.Recorded);
        (await TryAddAsync(consumer, "nonce-\u00e9t\u00e9-0001", expires)).Should().Be(NonceOutcome.Used);
    }

    [Fact]
    public async Task Parallel_adds_of_one_nonce_have_exactly_one_winner()
    {
        var consumer = await StoredIntegrationAsync("Raced consumer");
        var expires = Time.GetUtcNow().AddMinutes(20);
        var attempts = Enumerable.Range(0, 32).Select(_ => Task.Run(() => TryAddAsync(consumer, "replayed-nonce-0001", expires)));

        var outcomes = await Task.WhenAll(attempts);

        outcomes.Should().ContainSingle(o => o == NonceOutcome.Recorded).And.OnlyContain(o => o == NonceOutcome.Recorded || o == NonceOutcome.Used);
    }

    [Fact]
    public async Task A_nonce_can_be_used_again_once_it_expired()
    {
        var consumer = await StoredIntegrationAsync("Expiring consumer");
        await TryAddAsync(consumer, "expiring-nonce-0001", Time.GetUtcNow().AddMinutes(20));

        Time.Advance(TimeSpan.FromMinutes(19));
        (await TryAddAsync(consumer, "expiring-nonce-0001", Time.GetUtcNow().AddMinutes(20))).Should().Be(NonceOutcome.Used);

        Time.Advance(TimeSpan.FromMinutes(2));
        (await TryAddAsync(consumer, "expiring-nonce-0001", Time.GetUtcNow().AddMinutes(20))).Should().Be(NonceOutcome.Recorded);
        (await TryAddAsync(consumer, "expiring-nonce-0001", Time.GetUtcNow().AddMinutes(20))).Should().Be(NonceOutcome.Used);
    }

    [Fact]
    public async Task Parallel_adds_of_one_expired_nonce_have_exactly_one_winner()
    {
        var consumer = await StoredIntegrationAsync("Expired raced consumer");
        await TryAddAsync(consumer, "expired-then-raced-01", Time.GetUtcNow().AddMinutes(1));
        Time.Advance(TimeSpan.FromMinutes(2));
        var expires = Time.GetUtcNow().AddMinutes(20);

        var attempts = Enumerable.Range(0, 32).Select(_ => Task.Run(() => TryAddAsync(consumer, "expired-then-raced-01", expires)));
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o == NonceOutcome.Recorded).Should().Be(1);
    }

    [Fact]
    public async Task Nothing_is_recorded_for_an_integration_that_changed_since_the_request_was_decided()
    {
        var decidedOn = await StoredIntegrationAsync("Changed consumer");
        var changed = SampleIntegrations.Next(decidedOn) with { Status = IntegrationStatus.Inactive };
        await InScopeAsync(s => s.Integrations.UpdateAsync(changed, decidedOn.ConcurrencyToken, default));
        var expires = Time.GetUtcNow().AddMinutes(20);

        (await TryAddAsync(decidedOn, "nonce-after-change-01", expires)).Should().Be(NonceOutcome.IntegrationChanged);
        (await TryAddAsync(changed, "nonce-after-change-01", expires)).Should().Be(NonceOutcome.Recorded, "the refused add recorded nothing");
    }

    [Fact]
    public async Task Nothing_is_recorded_for_a_deleted_integration()
    {
        var deleted = await StoredIntegrationAsync("Deleted consumer");
        await InScopeAsync(s => s.Integrations.DeleteAsync(deleted, deleted.ConcurrencyToken, default));

        (await TryAddAsync(deleted, "nonce-after-delete-1", Time.GetUtcNow().AddMinutes(20))).Should().Be(NonceOutcome.IntegrationChanged);
    }

    [Fact]
    public async Task A_batch_reports_each_record_on_its_own()
    {
        var consumer = await StoredIntegrationAsync("Batch consumer");
        var other = await StoredIntegrationAsync("Other batch consumer");
        var expires = Time.GetUtcNow().AddMinutes(20);
        await TryAddAsync(consumer, "batch-nonce-used-01", expires);
        var stale = consumer with { ConcurrencyToken = Guid.NewGuid().ToString("N") };

        var outcomes = await InScopeAsync(s => s.Nonces.TryAddAsync(
            [
                new NonceRecord(consumer.ConsumerKey, "batch-nonce-new-001", expires, consumer.ConcurrencyToken),
                new NonceRecord(consumer.ConsumerKey, "batch-nonce-used-01", expires, consumer.ConcurrencyToken),
                new NonceRecord(stale.ConsumerKey, "batch-nonce-stale-1", expires, stale.ConcurrencyToken),
                new NonceRecord(other.ConsumerKey, "batch-nonce-used-01", expires, other.ConcurrencyToken),
            ],
            default));

        outcomes.Should().Equal(NonceOutcome.Recorded, NonceOutcome.Used, NonceOutcome.IntegrationChanged, NonceOutcome.Recorded);
        (await TryAddAsync(consumer, "batch-nonce-stale-1", expires)).Should().Be(NonceOutcome.Recorded, "the stale record recorded nothing");
    }

    [Fact]
    public async Task A_batch_naming_one_pair_twice_is_refused_and_records_nothing()
    {
        var consumer = await StoredIntegrationAsync("Twice consumer");
        var expires = Time.GetUtcNow().AddMinutes(20);

        var act = async () => await InScopeAsync(s => s.Nonces.TryAddAsync(
            [
                new NonceRecord(consumer.ConsumerKey, "twice-nonce-000001", expires, consumer.ConcurrencyToken),
                new NonceRecord(consumer.ConsumerKey, "twice-nonce-000001", expires, consumer.ConcurrencyToken),
            ],
            default));

        // as INonceStore documents (the in-memory store answered Recorded, Used)
        await act.Should().ThrowAsync<ArgumentException>();
        (await TryAddAsync(consumer, "twice-nonce-000001", expires)).Should().Be(NonceOutcome.Recorded);
    }

    [Fact]
    public async Task RemoveExpired_keeps_a_nonce_that_was_used_again_after_it_expired()
    {
        var consumer = await StoredIntegrationAsync("Reusing consumer");
        await TryAddAsync(consumer, "reused-nonce-000001", Time.GetUtcNow().AddMinutes(1));
        Time.Advance(TimeSpan.FromMinutes(2));
        (await TryAddAsync(consumer, "reused-nonce-000001", Time.GetUtcNow().AddMinutes(20))).Should().Be(NonceOutcome.Recorded);

        (await InScopeAsync(s => s.Nonces.RemoveExpiredAsync(Time.GetUtcNow(), 10, default))).Should().Be(0);
        (await TryAddAsync(consumer, "reused-nonce-000001", Time.GetUtcNow().AddMinutes(20))).Should().Be(NonceOutcome.Used);
    }

    [Fact]
    public async Task RemoveExpired_removes_only_expired_nonces_in_bounded_batches()
    {
        var consumer = await StoredIntegrationAsync("Cleaned consumer");
        var now = Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await TryAddAsync(consumer, $"old-nonce-{i:D10}", now.AddMinutes(1));
        }

        await TryAddAsync(consumer, "fresh-nonce-000001", now.AddMinutes(30));
        var later = now.AddMinutes(2);

        (await InScopeAsync(s => s.Nonces.RemoveExpiredAsync(later, 3, default))).Should().Be(3);
        (await InScopeAsync(s => s.Nonces.RemoveExpiredAsync(later, 3, default))).Should().Be(2);
        (await InScopeAsync(s => s.Nonces.RemoveExpiredAsync(later, 3, default))).Should().Be(0);
        (await TryAddAsync(consumer, "fresh-nonce-000001", now.AddMinutes(30))).Should().Be(NonceOutcome.Used, "unexpired nonces are kept");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_batch_with_an_invalid_record_is_refused_and_records_nothing(string? badConsumerKey)
    {
        var consumer = await StoredIntegrationAsync("Invalid batch consumer");
        var expires = Time.GetUtcNow().AddMinutes(20);

        var act = async () => await InScopeAsync(s => s.Nonces.TryAddAsync(
            [
                new NonceRecord(consumer.ConsumerKey, "invalid-batch-000001", expires, consumer.ConcurrencyToken),
                new NonceRecord(badConsumerKey!, "invalid-batch-000002", expires, consumer.ConcurrencyToken),
            ],
            default));

        await act.Should().ThrowAsync<ArgumentException>();
        (await TryAddAsync(consumer, "invalid-batch-000001", expires)).Should().Be(NonceOutcome.Recorded, "a refused batch is one unit of work: nothing of it is recorded");
    }

    [Fact]
    public async Task A_batch_with_an_empty_nonce_is_refused_and_records_nothing()
    {
        var consumer = await StoredIntegrationAsync("Empty nonce consumer");
        var expires = Time.GetUtcNow().AddMinutes(20);

        var act = async () => await InScopeAsync(s => s.Nonces.TryAddAsync(
            [
                new NonceRecord(consumer.ConsumerKey, "empty-batch-0000001", expires, consumer.ConcurrencyToken),
                new NonceRecord(consumer.ConsumerKey, "", expires, consumer.ConcurrencyToken),
            ],
            default));

        await act.Should().ThrowAsync<ArgumentException>();
        (await TryAddAsync(consumer, "empty-batch-0000001", expires)).Should().Be(NonceOutcome.Recorded, "a refused batch is one unit of work: nothing of it is recorded");
    }

    [Fact]
    public async Task An_integration_recreated_under_the_id_of_a_deleted_one_does_not_inherit_its_nonces()
    {
        // a declared integration's id is derived from its declaration key: removed and declared again, it comes back
        // under the same id, with new credentials
        var first = await StoredIntegrationAsync("Declared consumer");
        var expires = Time.GetUtcNow().AddMinutes(20);
        (await TryAddAsync(first, "counter-nonce-000001", expires)).Should().Be(NonceOutcome.Recorded);
        await InScopeAsync(s => s.Integrations.DeleteAsync(first, first.ConcurrencyToken, default));

        var again = SampleIntegrations.New("Declared consumer", Time.GetUtcNow(), IntegrationStatus.Active) with { Id = first.Id };
        await InScopeAsync(s => s.Integrations.CreateAsync(again, default));
        var sameKey = SampleIntegrations.New("Declared consumer", Time.GetUtcNow(), IntegrationStatus.Active) with { Id = first.Id, ConsumerKey = first.ConsumerKey };

        (await TryAddAsync(again, "counter-nonce-000001", expires)).Should().Be(NonceOutcome.Recorded, "the deleted integration's nonces went with it");
        await InScopeAsync(s => s.Integrations.DeleteAsync(again, again.ConcurrencyToken, default));
        await InScopeAsync(s => s.Integrations.CreateAsync(sameKey, default));
        (await TryAddAsync(sameKey, "counter-nonce-000001", expires)).Should().Be(NonceOutcome.Recorded, "the deleted integration's nonces went with it, under its consumer key too");
    }

    private async Task<Integration> StoredIntegrationAsync(string name)
    {
        var integration = SampleIntegrations.New(name, Time.GetUtcNow(), IntegrationStatus.Active);
        await InScopeAsync(s => s.Integrations.CreateAsync(integration, default));
        return integration;
    }

    private Task<NonceOutcome> TryAddAsync(Integration integration, string nonce, DateTimeOffset expires) =>
        InScopeAsync(s => s.Nonces.TryAddOneAsync(integration, nonce, expires));
}
