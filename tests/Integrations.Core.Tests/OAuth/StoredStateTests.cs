using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.OAuth;
using Integrations.OAuth.Validation;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Logging;

namespace Integrations.Core.Tests.OAuth;

/// <summary>
/// How the validator uses the stores: credentials accepted once are accepted again without a read, yet a change made
/// elsewhere is seen at once (the nonce write checks the concurrency token); refusals read what an unknown key reads;
/// stores that cannot answer give a 503 within the bound, logged once per outage.
/// </summary>
public sealed class StoredStateTests : IDisposable
{
    private readonly ValidatorFixture _fixture = new();
    private readonly ObservedIntegrationStore _store;
    private readonly OAuthRequestValidator _validator;

    public StoredStateTests()
    {
        _store = new ObservedIntegrationStore(_fixture.Store);
        _validator = _fixture.CreateValidator(_store);
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Credentials_accepted_once_are_accepted_again_without_reading_the_store()
    {
        var integration = await _fixture.AddAsync();
        (await ValidateAsync(integration)).Succeeded.Should().BeTrue();
        var reads = _store.ConsumerKeyReads;

        var again = await ValidateAsync(integration);

        again.Succeeded.Should().BeTrue(again.ToString());
        _store.ConsumerKeyReads.Should().Be(reads, "the nonce write alone checks that the integration is unchanged");
        _fixture.Nonces.Count(integration.ConsumerKey).Should().Be(2);
    }

    [Fact]
    public async Task A_token_replaced_elsewhere_is_refused_at_once_though_it_was_accepted_before()
    {
        var integration = await _fixture.AddAsync();
        (await ValidateAsync(integration)).Succeeded.Should().BeTrue();
        var stored = integration.Integration;
        await _fixture.Store.UpdateAsync(
            stored with { Token = stored.Token! with { Hash = CredentialHasher.Hash(CredentialGenerator.Create()) }, ConcurrencyToken = Guid.NewGuid().ToString("N") },
            stored.ConcurrencyToken,
            default);

        var refused = await ValidateAsync(integration);

        refused.Problem!.Reason.Should().Be(OAuthProblemReason.TokenUnknown);
    }

    [Fact]
    public async Task An_integration_deactivated_elsewhere_is_refused_at_once_and_its_nonce_is_not_recorded()
    {
        var integration = await _fixture.AddAsync();
        (await ValidateAsync(integration)).Succeeded.Should().BeTrue();
        var stored = integration.Integration;
        await _fixture.Store.UpdateAsync(stored with { Status = IntegrationStatus.Inactive, ConcurrencyToken = Guid.NewGuid().ToString("N") }, stored.ConcurrencyToken, default);

        var refused = await ValidateAsync(integration);

        refused.Problem!.Reason.Should().Be(OAuthProblemReason.IntegrationStatusRejected);
        _fixture.Nonces.Count(integration.ConsumerKey).Should().Be(1);
    }

    [Fact]
    public async Task A_known_consumer_with_a_bad_signature_reads_the_store_as_an_unknown_consumer_does()
    {
        var integration = await _fixture.AddAsync();
        (await ValidateAsync(integration)).Succeeded.Should().BeTrue();
        var impostor = integration with { ConsumerSecret = CredentialGenerator.Create() };
        var unknown = impostor with { Integration = integration.Integration with { ConsumerKey = CredentialGenerator.Create() } };

        var before = (_store.ConsumerKeyReads, _store.TokenHashReads);
        (await ValidateAsync(impostor)).Problem!.Reason.Should().Be(OAuthProblemReason.SignatureInvalid);
        var knownReads = (_store.ConsumerKeyReads - before.ConsumerKeyReads, _store.TokenHashReads - before.TokenHashReads);
        before = (_store.ConsumerKeyReads, _store.TokenHashReads);
        (await ValidateAsync(unknown)).Problem!.Reason.Should().Be(OAuthProblemReason.ConsumerKeyUnknown);
        var unknownReads = (_store.ConsumerKeyReads - before.ConsumerKeyReads, _store.TokenHashReads - before.TokenHashReads);

        knownReads.Should().Be(unknownReads).And.Be((1, 1));
        _fixture.Nonces.Count(integration.ConsumerKey).Should().Be(1, "a refused request records no nonce");
    }

    [Fact]
    public async Task A_store_that_cannot_answer_gives_a_503_logged_once_per_outage()
    {
        var integration = await _fixture.AddAsync();
        _store.Fault = _ => throw new StorageUnavailableException("The database is unavailable: 57P01 terminating connection due to administrator command.");

        for (var i = 0; i < 5; i++)
        {
            var result = await ValidateAsync(integration);
            result.Problem!.Reason.Should().Be(OAuthProblemReason.StorageUnavailable);
            result.Problem.StatusCode.Should().Be(503);
        }

        _fixture.Metrics.Of(IntegrationsMetrics.StorageUnavailable).Should().HaveCount(5);
        _fixture.Log.GetSnapshot().Should().ContainSingle(r => r.Level >= LogLevel.Warning)
            .Which.Exception.Should().BeNull("an outage is one line, without a stack trace");

        _store.Fault = null;
        (await ValidateAsync(integration)).Succeeded.Should().BeTrue();
        (await ValidateAsync(integration)).Succeeded.Should().BeTrue();
        _fixture.Log.GetSnapshot().Where(r => r.Category == typeof(StorageAvailability).FullName).Select(r => r.Level)
            .Should().Equal(LogLevel.Warning, LogLevel.Information);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_gives_a_503_after_the_operation_timeout()
    {
        _fixture.StorageOptions.OperationTimeout = TimeSpan.FromMilliseconds(200);
        var validator = _fixture.CreateValidator(_store);
        var integration = await _fixture.AddAsync();
        _store.Fault = ct => Task.Delay(Timeout.Infinite, ct);

        var result = await validator.ValidateAsync(_fixture.SignedApiCall(integration), OAuthFlow.ProtectedResource);

        result.Problem!.Reason.Should().Be(OAuthProblemReason.StorageUnavailable);
    }

    [Fact]
    public async Task A_request_aborted_by_its_caller_is_cancelled_not_answered_503()
    {
        var integration = await _fixture.AddAsync();
        _store.Fault = ct => Task.Delay(Timeout.Infinite, ct);
        using var aborted = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var validate = async () => await _validator.ValidateAsync(_fixture.SignedApiCall(integration), OAuthFlow.ProtectedResource, aborted.Token);

        await validate.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_nonce_store_answering_an_undefined_outcome_does_not_get_a_deactivated_integration_accepted()
    {
        var nonces = new UndecidedNonceStore(_fixture.Nonces);
        var validator = _fixture.CreateValidator(_store, nonces);
        var integration = await _fixture.AddAsync();
        (await validator.ValidateAsync(_fixture.SignedApiCall(integration), OAuthFlow.ProtectedResource)).Succeeded.Should().BeTrue();
        var stored = integration.Integration;
        await _fixture.Store.UpdateAsync(stored with { Status = IntegrationStatus.Inactive, ConcurrencyToken = Guid.NewGuid().ToString("N") }, stored.ConcurrencyToken, default);
        nonces.Undecided = true; // a custom store that leaves an outcome unset (default(NonceOutcome), which is none of the three)

        var result = await validator.ValidateAsync(_fixture.SignedApiCall(integration), OAuthFlow.ProtectedResource);

        result.Succeeded.Should().BeFalse("an outcome that is not Recorded must never accept a request decided on a kept snapshot (it did: fail-open)");
        result.Problem!.Reason.Should().Be(OAuthProblemReason.StorageUnavailable);
    }

    /// <summary>A nonce store that, once told, answers default(NonceOutcome) without recording anything.</summary>
    private sealed class UndecidedNonceStore(INonceStore inner) : INonceStore
    {
        public bool Undecided { get; set; }

        public ValueTask<IReadOnlyList<NonceOutcome>> TryAddAsync(IReadOnlyList<NonceRecord> records, CancellationToken cancellationToken) =>
            Undecided ? ValueTask.FromResult<IReadOnlyList<NonceOutcome>>(new NonceOutcome[records.Count]) : inner.TryAddAsync(records, cancellationToken);

        public ValueTask<NonceOutcome> TryAddAsync(NonceRecord record, CancellationToken cancellationToken) =>
            Undecided ? ValueTask.FromResult(default(NonceOutcome)) : inner.TryAddAsync(record, cancellationToken);

        public ValueTask<int> RemoveExpiredAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) => inner.RemoveExpiredAsync(now, batchSize, cancellationToken);
    }

    private ValueTask<OAuthValidationResult> ValidateAsync(TestIntegration integration) =>
        _validator.ValidateAsync(_fixture.SignedApiCall(integration), OAuthFlow.ProtectedResource);
}
