using Integrations.Storage.EfCore.Stores;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// The key a nonce is stored under names the pair exactly: the same pair always gives the same key (on every
/// instance, so a replay is found), and pairs that differ only in where the consumer key ends give different keys.
/// </summary>
public class NonceKeyTests
{
    [Fact]
    public void The_same_pair_always_has_the_same_key()
    {
        NonceKey.Of("ck0123456789abcdef0123456789abcd", "nonce-1").Should().Be(NonceKey.Of(new string("ck0123456789abcdef0123456789abcd".ToCharArray()), "nonce-1".AsSpan()));
    }

    [Theory]
    [InlineData("ab", "c", "a", "bc")]
    [InlineData("consumer", "nonce-1", "consumer", "nonce-2")]
    [InlineData("consumer-1", "nonce", "consumer-2", "nonce")]
    [InlineData("consumer", "", "consume", "r")]
    public void Different_pairs_have_different_keys(string consumerKey, string nonce, string otherConsumerKey, string otherNonce)
    {
        NonceKey.Of(consumerKey, nonce).Should().NotBe(NonceKey.Of(otherConsumerKey, otherNonce));
    }
}
