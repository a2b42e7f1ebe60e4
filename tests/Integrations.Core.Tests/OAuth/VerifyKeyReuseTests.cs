using System.Runtime.CompilerServices;
using Integrations.OAuth;

namespace Integrations.Core.Tests.OAuth;

/// <summary>
/// <see cref="IOAuthSigner.Verify"/> reuses the keyed HMAC state of secrets its caller keeps: the answers are those of a
/// fresh computation whatever the order, the pairing or the concurrency, and the reuse keeps no secret alive.
/// </summary>
public class VerifyKeyReuseTests
{
    private const string Url = "https://shop.example.com/rest/V1/products?searchCriteria[pageSize]=20";
    private readonly OAuthSigner _signer = new();

    [Theory]
    [InlineData(OAuthSignatureMethod.HmacSha1)]
    [InlineData(OAuthSignatureMethod.HmacSha256)]
    public void Kept_secrets_verify_the_same_on_every_call_and_only_their_own_signatures(OAuthSignatureMethod method)
    {
        var consumerSecret = Secret("cs");
        var tokenSecret = Secret("ts");
        var otherTokenSecret = Secret("other-ts");
        Promote(); // the caller keeps them: from now on their keyed state is reused
        var signed = Sign(method, consumerSecret, tokenSecret);
        var tampered = signed with { Url = Url + "&extra=1" };

        for (var i = 0; i < 3; i++)
        {
            _signer.Verify(signed, consumerSecret, tokenSecret).IsValid.Should().BeTrue();
            _signer.Verify(tampered, consumerSecret, tokenSecret).Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
            _signer.Verify(signed, consumerSecret, otherTokenSecret).Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
            _signer.Verify(signed, consumerSecret, null).Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
            _signer.Verify(signed, new string(consumerSecret), new string(tokenSecret)).IsValid.Should().BeTrue("equal secrets in other strings verify alike");
        }
    }

    [Fact]
    public void One_consumer_secret_with_several_token_secrets_verifies_each_pair_with_its_own_key()
    {
        var consumerSecret = Secret("cs");
        var tokenSecrets = Enumerable.Range(0, 4).Select(i => Secret("ts" + i)).ToArray();
        Promote();
        var requests = tokenSecrets.Select(ts => Sign(OAuthSignatureMethod.HmacSha256, consumerSecret, ts)).ToArray();
        var consumerOnly = Sign(OAuthSignatureMethod.HmacSha256, consumerSecret, null);

        for (var round = 0; round < 3; round++)
        {
            for (var r = 0; r < requests.Length; r++)
            {
                for (var t = 0; t < tokenSecrets.Length; t++)
                {
                    _signer.Verify(requests[r], consumerSecret, tokenSecrets[t]).IsValid.Should().Be(r == t);
                }
            }

            _signer.Verify(consumerOnly, consumerSecret, null).IsValid.Should().BeTrue();
        }
    }

    [Theory]
    [InlineData(OAuthSignatureMethod.HmacSha1)]
    [InlineData(OAuthSignatureMethod.HmacSha256)]
    public void Concurrent_verifications_sharing_secrets_all_get_the_right_answer(OAuthSignatureMethod method)
    {
        var pairs = Enumerable.Range(0, 8).Select(i => (Consumer: Secret("cs" + i), Token: Secret("ts" + i))).ToArray();
        var requests = pairs.Select(p => Sign(method, p.Consumer, p.Token)).ToArray();
        Promote();
        var wrong = 0;

        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 400; i++)
            {
                var request = (i + worker) % pairs.Length;
                var secrets = (i * 3 + worker) % pairs.Length;
                var valid = _signer.Verify(requests[request], pairs[secrets].Consumer, pairs[secrets].Token).IsValid;
                if (valid != (request == secrets))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        wrong.Should().Be(0);
    }

    [Fact]
    public void Verifying_keeps_no_secret_alive_not_even_a_token_secret_while_its_consumer_secret_lives()
    {
        var kept = new string?[1];
        var (consumerSecret, tokenSecret) = VerifyWithSecretsDroppedAfterwards(_signer, kept);

        Collect(tokenSecret);
        tokenSecret.IsAlive.Should().BeFalse("the caller dropped the token secret and kept only the consumer secret");
        consumerSecret.IsAlive.Should().BeTrue();

        kept[0] = null;
        Collect(consumerSecret);
        consumerSecret.IsAlive.Should().BeFalse();
    }

    private static void Collect(WeakReference reference)
    {
        for (var i = 0; i < 5 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference ConsumerSecret, WeakReference TokenSecret) VerifyWithSecretsDroppedAfterwards(OAuthSigner signer, string?[] kept)
    {
        var consumerSecret = Secret("dropped-cs");
        var tokenSecret = Secret("dropped-ts");
        kept[0] = consumerSecret;
        Promote();
        var signed = Sign(OAuthSignatureMethod.HmacSha256, consumerSecret, tokenSecret);
        signer.Verify(signed, consumerSecret, tokenSecret).IsValid.Should().BeTrue();
        signer.Verify(signed, consumerSecret, tokenSecret).IsValid.Should().BeTrue();
        return (new WeakReference(consumerSecret), new WeakReference(tokenSecret));
    }

    /// <summary>A secret made at run time (not an interned literal, which lives as long as the process).</summary>
    private static string Secret(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N");

    /// <summary>Moves the live strings out of the youngest generation, as the secrets a caller keeps are.</summary>
    private static void Promote()
    {
        GC.Collect();
        GC.Collect();
    }

    private static OAuthWireRequest Sign(OAuthSignatureMethod method, string consumerSecret, string? tokenSecret)
    {
        var request = new OAuthWireRequest { Method = "GET", Url = Url };
        return request with
        {
            Authorization = new OAuthSigner().CreateAuthorizationHeader(request, new OAuthClientCredentials
            {
                ConsumerKey = "ck0123456789abcdefghijklmnopqrst",
                ConsumerSecret = consumerSecret,
                Token = tokenSecret is null ? null : "tk0123456789abcdefghijklmnopqrst",
                TokenSecret = tokenSecret,
                SignatureMethod = method,
            }),
        };
    }
}
