using FluentAssertions;

namespace Integrations.Storage.InMemory.Tests;

public sealed class NonceTableTests
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    [Fact]
    public void A_nonce_is_refused_while_kept_and_taken_again_once_expired()
    {
        var table = new NonceTable();

        table.TryAdd(First, "n-1", owner: 1, expiresAtTicks: 100, nowTicks: 10).Should().BeTrue();
        table.TryAdd(First, "n-1", owner: 1, expiresAtTicks: 200, nowTicks: 99).Should().BeFalse();
        table.TryAdd(First, "n-1", owner: 1, expiresAtTicks: 300, nowTicks: 100).Should().BeTrue("its first use expired at 100");
        table.TryAdd(First, "n-1", owner: 1, expiresAtTicks: 400, nowTicks: 299).Should().BeFalse("the second use is kept until 300");
        table.Count(1).Should().Be(1);
    }

    [Fact]
    public void The_same_nonce_of_two_integrations_is_two_nonces()
    {
        var table = new NonceTable();

        table.TryAdd(First, "shared", owner: 1, expiresAtTicks: 100, nowTicks: 10).Should().BeTrue();
        table.TryAdd(Second, "shared", owner: 2, expiresAtTicks: 100, nowTicks: 10).Should().BeTrue();

        table.Count(1).Should().Be(1);
        table.Count(2).Should().Be(1);
    }

    [Fact]
    public void Taking_a_nonce_back_removes_only_the_use_it_added()
    {
        var table = new NonceTable();
        table.TryAdd(First, "n", owner: 1, expiresAtTicks: 100, nowTicks: 10);

        table.Remove(First, "n", owner: 1, expiresAtTicks: 99);
        table.TryAdd(First, "n", owner: 1, expiresAtTicks: 100, nowTicks: 10).Should().BeFalse("another expiry is another use");

        table.Remove(First, "n", owner: 1, expiresAtTicks: 100);
        table.TryAdd(First, "n", owner: 1, expiresAtTicks: 100, nowTicks: 10).Should().BeTrue();
    }

    [Fact]
    public void A_hundred_thousand_nonces_survive_the_table_growing_and_are_removed_in_bounded_batches()
    {
        const int Count = 100_000;
        var table = new NonceTable();
        for (var i = 0; i < Count; i++)
        {
            table.TryAdd(First, $"n-{i}", owner: 1, expiresAtTicks: 1_000 + (i % 2), nowTicks: 10).Should().BeTrue();
        }

        Enumerable.Range(0, Count).Count(i => table.TryAdd(First, $"n-{i}", owner: 1, expiresAtTicks: 5_000, nowTicks: 10)).Should().Be(0);
        table.Count(1).Should().Be(Count);

        table.RemoveExpired(nowTicks: 1_000, limit: 30_000, default).Should().Be(30_000);
        table.RemoveExpired(nowTicks: 1_000, limit: 30_000, default).Should().Be(20_000, "half expire at 1,000");
        table.RemoveExpired(nowTicks: 1_000, limit: 30_000, default).Should().Be(0);
        table.Count(1).Should().Be(Count / 2);
        Enumerable.Range(0, Count).Count(i => table.TryAdd(First, $"n-{i}", owner: 1, expiresAtTicks: 5_000, nowTicks: 1_000)).Should().Be(Count / 2, "the expired half is new again, the other half still kept");
    }

    [Fact]
    public void Random_adds_removals_and_expiries_give_the_answers_of_a_dictionary()
    {
        // a small pool of nonces over two integrations, a clock that moves on, takebacks and cleanups: every answer is
        // compared with a plain dictionary of the unexpired uses, so probing, reuse of expired slots, backward-shift
        // deletion (across the end of a stripe's array too) and rebuilding are all exercised against one model
        var random = new Random(20261207);
        var table = new NonceTable();
        var model = new Dictionary<(Guid, string), long>();
        long now = 1;
        for (var step = 0; step < 300_000; step++)
        {
            var id = random.Next(2) == 0 ? First : Second;
            var nonce = $"n-{random.Next(6_000)}";
            var roll = random.Next(100);
            if (roll < 80)
            {
                var expiresAt = now + random.Next(1, 2_000);
                var expected = !model.TryGetValue((id, nonce), out var kept) || kept <= now;
                table.TryAdd(id, nonce, owner: id == First ? 1 : 2, expiresAt, now).Should().Be(expected, "step {0}", step);
                if (expected)
                {
                    model[(id, nonce)] = expiresAt;
                }
            }
            else if (roll < 90 && model.TryGetValue((id, nonce), out var added))
            {
                table.Remove(id, nonce, owner: id == First ? 1 : 2, added);
                model.Remove((id, nonce));
            }
            else if (roll < 91)
            {
                table.RemoveExpired(now, int.MaxValue, default);
                foreach (var expired in model.Where(pair => pair.Value <= now).ToList())
                {
                    model.Remove(expired.Key);
                }

                table.Count(1).Should().Be(model.Keys.Count(key => key.Item1 == First), "step {0}", step);
                table.Count(2).Should().Be(model.Keys.Count(key => key.Item1 == Second), "step {0}", step);
            }

            now += random.Next(3);
        }
    }
}
