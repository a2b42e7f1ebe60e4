using System.Text;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.Security;
using Integrations.Stores;

namespace Integrations.Core.Tests.OAuth;

public class OAuthRequestValidatorTests : IDisposable
{
    private readonly ValidatorFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(OAuthSignatureMethod.HmacSha1)]
    [InlineData(OAuthSignatureMethod.HmacSha256)]
    public async Task A_correctly_signed_api_call_is_accepted_and_its_nonce_recorded(OAuthSignatureMethod method)
    {
        var integration = await _fixture.AddAsync();
        var request = _fixture.Sign(new OAuthWireRequest
        {
            Method = "POST",
            Url = ValidatorFixture.ApiUrl,
            ContentType = "application/x-www-form-urlencoded",
            Body = Encoding.ASCII.GetBytes("sku=T-1&name=Shirt+%C3%BCber&qty=3"),
        }, integration, method);

        var result = await _fixture.ValidateAsync(request);

        result.Succeeded.Should().BeTrue(result.Problem?.ToString());
        result.Integration!.Id.Should().Be(integration.Integration.Id);
        result.Token!.Type.Should().Be(OAuthTokenType.Access);
        _fixture.Nonces.Count(integration.ConsumerKey).Should().Be(1);
    }

    [Fact]
    public async Task Requests_are_decided_alike_when_the_stores_answer_later()
    {
        var integration = await _fixture.AddAsync();
        var store = new ObservedIntegrationStore(_fixture.Store) { Fault = async _ => await Task.Yield() };
        var validator = _fixture.CreateValidator(store, new LateNonceStore(_fixture.Nonces));
        var first = _fixture.SignedApiCall(integration);
        var second = _fixture.SignedApiCall(integration);

        var results = new[]
        {
            await validator.ValidateAsync(first, OAuthFlow.ProtectedResource),
            await validator.ValidateAsync(second, OAuthFlow.ProtectedResource), // decided on the snapshot, its nonce recorded later
            await validator.ValidateAsync(second, OAuthFlow.ProtectedResource),
            await validator.ValidateAsync(_fixture.SignedApiCall(integration) with { Url = ValidatorFixture.ApiUrl + "&x=1" }, OAuthFlow.ProtectedResource),
        };

        results.Select(r => r.Problem?.Reason).Should().Equal(null, null, OAuthProblemReason.NonceUsed, OAuthProblemReason.SignatureInvalid);
        results[1].Integration!.Id.Should().Be(integration.Integration.Id);
        _fixture.Nonces.Count(integration.ConsumerKey).Should().Be(2);
    }

    [Fact]
    public async Task The_request_token_flow_is_signed_with_the_consumer_only_and_returns_the_callback()
    {
        var integration = await _fixture.AddAsync(IntegrationStatus.PendingExchange, tokenType: null);
        var request = _fixture.Sign(new OAuthWireRequest { Method = "POST", Url = "https://shop.example.com/oauth/token/request" }, integration, callback: "oob");

        var result = await _fixture.ValidateAsync(request, OAuthFlow.RequestToken);

        result.Succeeded.Should().BeTrue(result.Problem?.ToString());
        result.Token.Should().BeNull();
        result.Callback.Should().Be("oob");
    }

    [Fact]
    public async Task The_access_token_flow_needs_the_request_token_and_returns_the_verifier_for_the_exchange_to_compare()
    {
        var integration = await _fixture.AddAsync(IntegrationStatus.PendingExchange, OAuthTokenType.Request);
        var verifier = CredentialGenerator.Create();
        var request = _fixture.Sign(new OAuthWireRequest { Method = "POST", Url = "https://shop.example.com/oauth/token/access" }, integration, verifier: verifier);

        var result = await _fixture.ValidateAsync(request, OAuthFlow.AccessToken);

        result.Succeeded.Should().BeTrue(result.Problem?.ToString());
        result.Token!.Type.Should().Be(OAuthTokenType.Request);
        result.Verifier.Should().Be(verifier);
    }

    [Fact]
    public async Task A_replayed_request_is_refused_with_nonce_used()
    {
        var integration = await _fixture.AddAsync();
        var request = _fixture.SignedApiCall(integration);
        (await _fixture.ValidateAsync(request)).Succeeded.Should().BeTrue();

        var replay = await _fixture.ValidateAsync(request);

        replay.Problem!.Reason.Should().Be(OAuthProblemReason.NonceUsed);
        replay.Problem.Code.Should().Be("nonce_used");
        replay.Problem.StatusCode.Should().Be(401);
        replay.Problem.Phrase.Should().Be($"The nonce is already being used by the consumer with ID {integration.Integration.Id}");
    }

    [Fact]
    public async Task Parallel_replays_of_one_request_are_accepted_exactly_once()
    {
        var integration = await _fixture.AddAsync();
        var request = _fixture.SignedApiCall(integration);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await _fixture.ValidateAsync(request))));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().AllSatisfy(r => r.Problem!.Reason.Should().Be(OAuthProblemReason.NonceUsed));
    }

    [Fact]
    public async Task A_bad_signature_does_not_record_the_nonce_so_the_corrected_request_still_passes()
    {
        var integration = await _fixture.AddAsync();
        var good = _fixture.SignedApiCall(integration, nonce: "fixednonce1234");
        var bad = good with { Url = ValidatorFixture.ApiUrl + "&tampered=1" };

        (await _fixture.ValidateAsync(bad)).Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
        _fixture.Nonces.Count(integration.ConsumerKey).Should().Be(0);
        (await _fixture.ValidateAsync(good)).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(-600, true)]
    [InlineData(600, true)]
    [InlineData(-601, false)]
    [InlineData(601, false)]
    public async Task The_timestamp_window_is_symmetric_and_inclusive(int offsetSeconds, bool accepted)
    {
        var integration = await _fixture.AddAsync();
        var timestamp = _fixture.Time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds;
        var request = _fixture.Sign(new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl }, integration, timestamp: timestamp);

        var result = await _fixture.ValidateAsync(request);

        if (accepted)
        {
            result.Succeeded.Should().BeTrue(result.Problem?.ToString());
        }
        else
        {
            result.Problem!.Reason.Should().Be(OAuthProblemReason.TimestampRefused);
            result.Problem.StatusCode.Should().Be(401);
            result.Problem.Code.Should().Be("timestamp_refused");
        }
    }

    [Fact]
    public async Task A_nonce_is_kept_until_its_timestamp_leaves_the_window()
    {
        var integration = await _fixture.AddAsync();
        var request = _fixture.SignedApiCall(integration);
        (await _fixture.ValidateAsync(request)).Succeeded.Should().BeTrue();

        _fixture.Time.Advance(TimeSpan.FromSeconds(600));
        (await _fixture.ValidateAsync(request)).Problem!.Reason.Should().Be(OAuthProblemReason.NonceUsed);

        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        (await _fixture.ValidateAsync(request)).Problem!.Reason.Should().Be(OAuthProblemReason.TimestampRefused);
    }

    [Fact]
    public async Task A_signature_method_left_out_of_the_allow_list_is_rejected()
    {
        using var fixture = new ValidatorFixture(o => o.AllowHmacSha1 = false);
        var integration = await fixture.AddAsync();

        var sha1 = await fixture.ValidateAsync(fixture.SignedApiCall(integration, OAuthSignatureMethod.HmacSha1));
        var sha256 = await fixture.ValidateAsync(fixture.SignedApiCall(integration, OAuthSignatureMethod.HmacSha256));

        sha1.Problem!.Reason.Should().Be(OAuthProblemReason.SignatureMethodRejected);
        sha1.Problem.Phrase.Should().Be("Signature method HMAC-SHA1 is not supported");
        sha1.Problem.StatusCode.Should().Be(400);
        sha256.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Diagnostics_mode_adds_the_computed_base_string_to_a_signature_rejection_and_is_off_by_default()
    {
        using var diagnostics = new ValidatorFixture(o => o.IncludeBaseStringInProblems = true);
        foreach (var fixture in new[] { _fixture, diagnostics })
        {
            var integration = await fixture.AddAsync();
            var request = fixture.SignedApiCall(integration with { ConsumerSecret = "wrong" });

            var problem = (await fixture.ValidateAsync(request)).Problem!;

            problem.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
            if (ReferenceEquals(fixture, diagnostics))
            {
                problem.BaseString.Should().StartWith("GET&https%3A%2F%2Fshop.example.com%2Frest%2FV1%2Fproducts&oauth_consumer_key%3D" + integration.ConsumerKey);
                problem.BaseString.Should().NotContain(integration.ConsumerSecret).And.NotContain(integration.TokenSecret);
            }
            else
            {
                problem.BaseString.Should().BeNull();
            }
        }
    }

    [Fact]
    public async Task A_new_token_secret_takes_effect_at_once_despite_the_key_cache()
    {
        var integration = await _fixture.AddAsync();
        (await _fixture.ValidateAsync(_fixture.SignedApiCall(integration))).Succeeded.Should().BeTrue();

        var newSecret = CredentialGenerator.Create();
        var current = integration.Integration;
        var reauthorized = current with
        {
            ConcurrencyToken = Guid.NewGuid().ToString("N"),
            Token = current.Token! with { ProtectedSecret = _fixture.Protector.Protect(newSecret) },
        };
        await _fixture.Store.UpdateAsync(reauthorized, current.ConcurrencyToken, CancellationToken.None);

        (await _fixture.ValidateAsync(_fixture.SignedApiCall(integration))).Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
        (await _fixture.ValidateAsync(_fixture.SignedApiCall(integration with { TokenSecret = newSecret }))).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Without_the_key_cache_validation_works_the_same()
    {
        using var fixture = new ValidatorFixture(o => o.KeyCacheLifetime = TimeSpan.Zero);
        var integration = await fixture.AddAsync();

        (await fixture.ValidateAsync(fixture.SignedApiCall(integration))).Succeeded.Should().BeTrue();
        (await fixture.ValidateAsync(fixture.SignedApiCall(integration with { TokenSecret = "x" }))).Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
        fixture.Keys.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_very_short_key_cache_lifetime_still_disposes_idle_keys()
    {
        // KeyCacheLifetime accepts 0..1 day; a lifetime under 2 ms (here 1 tick) gives the sweeper a period of 0, a one-shot timer
        using var fixture = new ValidatorFixture(o => o.KeyCacheLifetime = TimeSpan.FromTicks(1));
        var integration = await fixture.AddAsync();
        (await fixture.ValidateAsync(fixture.SignedApiCall(integration))).Succeeded.Should().BeTrue();

        fixture.Time.Advance(TimeSpan.FromMinutes(30));

        fixture.Keys.Count.Should().Be(0, "entries idle longer than KeyCacheLifetime are disposed (key zeroed) by the sweeper");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.00")]
    [InlineData("1.0")]
    public async Task A_version_that_magento_takes_for_1_0_is_accepted(string version)
    {
        var integration = await _fixture.AddAsync();
        var header = _fixture.SignedApiCall(integration).Authorization!;
        header = header[..header.IndexOf(", oauth_signature=", StringComparison.Ordinal)]
            .Replace("oauth_version=\"1.0\"", $"oauth_version=\"{version}\"", StringComparison.Ordinal);
        var request = new OAuthWireRequest { Method = "GET", Url = ValidatorFixture.ApiUrl, Authorization = header };
        _fixture.Signer.TryCreateSignatureBase(request, out var signatureBase, out _).Should().BeTrue();
        var signature = _fixture.Signer.ComputeSignature(OAuthSignatureMethod.HmacSha256, signatureBase!.BaseString, integration.ConsumerSecret, integration.TokenSecret);

        var result = await _fixture.ValidateAsync(request with { Authorization = $"{header}, oauth_signature=\"{Uri.EscapeDataString(signature)}\"" });

        result.Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("Realm=\"shop\"")]
    [InlineData("REALM=\"shop\"")]
    [InlineData("realm=\"100% shop\"")]
    [InlineData("realm=\"say \\\"hi\\\", or \\\\ not\"")]
    [InlineData("realm=\"\"")]
    public async Task The_realm_is_read_as_a_quoted_string_in_any_case_and_never_signed(string realm)
    {
        var integration = await _fixture.AddAsync();
        var signed = _fixture.SignedApiCall(integration);

        var result = await _fixture.ValidateAsync(signed with { Authorization = signed.Authorization!.Replace("realm=\"shop\"", realm, StringComparison.Ordinal) });

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_flood_of_unknown_consumers_and_tokens_does_not_push_the_keys_in_use_out_of_the_cache()
    {
        using var fixture = new ValidatorFixture(o => o.KeyCacheSize = 10);
        var inUse = new List<TestIntegration>();
        for (var i = 0; i < 5; i++)
        {
            var integration = await fixture.AddAsync();
            (await fixture.ValidateAsync(fixture.SignedApiCall(integration))).Succeeded.Should().BeTrue();
            inUse.Add(integration);
        }

        for (var i = 0; i < 50; i++)
        {
            var unknownConsumer = inUse[0] with { Integration = inUse[0].Integration with { ConsumerKey = CredentialGenerator.Create() } };
            var unknownToken = inUse[1] with { Token = CredentialGenerator.Create() };
            (await fixture.ValidateAsync(fixture.SignedApiCall(unknownConsumer))).Problem!.Reason.Should().Be(OAuthProblemReason.ConsumerKeyUnknown);
            (await fixture.ValidateAsync(fixture.SignedApiCall(unknownToken))).Problem!.Reason.Should().Be(OAuthProblemReason.TokenUnknown);
        }

        fixture.Keys.Count.Should().BeLessThanOrEqualTo(10);
        inUse.Should().OnlyContain(integration =>
            fixture.Keys.Find(OAuthSignatureMethod.HmacSha256, integration.ConsumerKey, integration.Token, fixture.Time.GetUtcNow()) != null);
    }

    [Fact]
    public async Task After_a_flood_a_known_consumer_key_probed_without_a_valid_signature_is_evicted_like_an_unknown_one()
    {
        using var fixture = new ValidatorFixture(o => o.KeyCacheSize = 10);
        var inUse = await fixture.AddAsync();
        var probed = await fixture.AddAsync();
        var unknown = inUse with { Integration = inUse.Integration with { ConsumerKey = CredentialGenerator.Create() } };
        (await fixture.ValidateAsync(fixture.SignedApiCall(inUse))).Succeeded.Should().BeTrue();
        (await fixture.ValidateAsync(fixture.SignedApiCall(probed with { ConsumerSecret = "guess" }))).Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
        (await fixture.ValidateAsync(fixture.SignedApiCall(unknown))).Problem!.Reason.Should().Be(OAuthProblemReason.ConsumerKeyUnknown);

        for (var i = 0; i < 50; i++)
        {
            var flood = unknown with { Integration = unknown.Integration with { ConsumerKey = CredentialGenerator.Create() } };
            await fixture.ValidateAsync(fixture.SignedApiCall(flood));
        }

        bool Cached(TestIntegration integration) => fixture.Keys.Find(OAuthSignatureMethod.HmacSha256, integration.ConsumerKey, integration.Token, fixture.Time.GetUtcNow()) != null;
        Cached(inUse).Should().BeTrue();
        Cached(probed).Should().BeFalse();
        Cached(unknown).Should().BeFalse();
    }

    [Fact]
    public async Task Idle_keys_are_dropped_after_their_lifetime()
    {
        var integration = await _fixture.AddAsync();
        (await _fixture.ValidateAsync(_fixture.SignedApiCall(integration))).Succeeded.Should().BeTrue();
        _fixture.Keys.Count.Should().Be(1);

        _fixture.Time.Advance(TimeSpan.FromMinutes(11));
        _fixture.Keys.RemoveIdle();

        _fixture.Keys.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_disposed_key_cache_keeps_no_key_of_a_request_validated_during_shutdown()
    {
        var integration = await _fixture.AddAsync();
        (await _fixture.ValidateAsync(_fixture.SignedApiCall(integration))).Succeeded.Should().BeTrue();
        _fixture.Keys.Dispose(); // the host stops; a request still in flight is validated after

        await _fixture.ValidateAsync(_fixture.SignedApiCall(integration));

        _fixture.Keys.Count.Should().Be(0, "a key made after disposal is never zeroed: no sweeper, no later Dispose");
    }

    /// <summary>A nonce store that answers after yielding, as a database does.</summary>
    private sealed class LateNonceStore(INonceStore inner) : INonceStore
    {
        public async ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.TryAddAsync(records, cancellationToken);
        }

        public async ValueTask<NonceOutcome> TryAddAsync(NonceRecord record, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.TryAddAsync(record, cancellationToken);
        }

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) => inner.RemoveExpiredAsync(now, batchSize, cancellationToken);
    }
}
