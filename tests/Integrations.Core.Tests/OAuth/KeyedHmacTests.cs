using System.Security.Cryptography;
using System.Text;
using Integrations.OAuth;
using Integrations.OAuth.Signing;

namespace Integrations.Core.Tests.OAuth;

/// <summary>The per-credential keyed HMAC state the validator reuses: correct under concurrency, and unusable once disposed.</summary>
public class KeyedHmacTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("consumer-secret&token-secret");

    [Theory]
    [InlineData(OAuthSignatureMethod.HmacSha1)]
    [InlineData(OAuthSignatureMethod.HmacSha256)]
    public void Parallel_callers_all_get_the_one_shot_digest(OAuthSignatureMethod method)
    {
        using var keyed = Create(method);
        var failures = 0;
        Parallel.For(0, 8, worker =>
        {
            Span<byte> digest = stackalloc byte[32];
            for (var i = 0; i < 2_000; i++)
            {
                var data = Encoding.ASCII.GetBytes($"POST&base&{worker}-{i}");
                var length = keyed.TryComputeHash(data, digest);
                if (length < 0 || !digest[..length].SequenceEqual(OneShot(method, data)))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        failures.Should().Be(0);
    }

    [Fact]
    public void A_disposed_entry_computes_nothing()
    {
        var keyed = Create(OAuthSignatureMethod.HmacSha256);
        keyed.Dispose();
        keyed.Dispose();

        keyed.TryComputeHash("data"u8, stackalloc byte[32]).Should().Be(-1);
    }

    [Fact]
    public async Task Disposal_during_use_yields_the_right_digest_or_none_never_a_wrong_one()
    {
        var digest = new byte[32];
        for (var round = 0; round < 50; round++)
        {
            var keyed = Create(OAuthSignatureMethod.HmacSha1);
            var data = Encoding.ASCII.GetBytes("GET&https%3A%2F%2Fshop.example.com%2F&a%3D" + round);
            var expected = OneShot(OAuthSignatureMethod.HmacSha1, data);
            var wrong = 0;
            var start = new Barrier(5);
            // dedicated threads: workers blocked on the barrier must not starve the thread pool other tests run on
            var workers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
            {
                Span<byte> digest = stackalloc byte[32];
                start.SignalAndWait();
                for (var i = 0; i < 200; i++)
                {
                    var length = keyed.TryComputeHash(data, digest);
                    if (length >= 0 && !digest[..length].SequenceEqual(expected))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

            start.SignalAndWait();
            keyed.Dispose();
            await Task.WhenAll(workers);

            wrong.Should().Be(0);
            keyed.TryComputeHash(data, digest).Should().Be(-1);
        }
    }

    private static KeyedHmac Create(OAuthSignatureMethod method) => new("ck", null, "pcs", "pts", method, Key, 0);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "HMAC-SHA1 is an RFC 5849 signature method under test.")]
    private static byte[] OneShot(OAuthSignatureMethod method, byte[] data) =>
        method == OAuthSignatureMethod.HmacSha1 ? HMACSHA1.HashData(Key, data) : HMACSHA256.HashData(Key, data);
}
