using System.Diagnostics;
using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.OAuth.Parameters;
using Integrations.OAuth.Signing;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.OAuth.Validation;

/// <summary>
/// The <see cref="IOAuthRequestValidator"/> over <see cref="IIntegrationStore"/> and <see cref="INonceStore"/>.
/// Checks, in this order (the first failure is reported):
/// <list type="number">
/// <item>Stateless, before any lookup: the size of a signed form body (<see cref="OAuthOptions.MaxFormBodyLength"/>); the request line (method, absolute URL as the host adapter resolved it, or rebuilt per
/// <see cref="OAuthOptions.PublicBaseUrl"/>); parameter collection (header syntax, percent-encoding and UTF-8,
/// length, count (<see cref="OAuthOptions.MaxParameterCount"/>), <c>oauth_*</c> duplicates, one place only); required parameters present and not empty (consumer key, signature,
/// signature method, nonce, timestamp, plus the token and the verifier as the <see cref="OAuthFlow"/> says; no token on the
/// request-token flow); <c>oauth_version</c> is <c>1.0</c> (numerically, as Magento compares it) when present; the signature method is allowed; the timestamp is
/// a positive integer within <see cref="OAuthOptions.TimestampWindow"/> of the clock, both ways; the nonce is printable
/// ASCII of an accepted length; the consumer key and token have the issued format.</item>
/// <item>Stateful, all evaluated without early exit so that the time taken does not reveal which failed: the consumer
/// is known; the token is the one its integration holds (else unknown, or another consumer's); it is of the flow's
/// kind; the integration has the flow's status; the signature matches (constant-time). Unknown consumers and tokens are
/// signed with dummy secrets, and every failure makes the token lookup a success skips. Credentials accepted before
/// are checked against the integration kept from then, without a store read; refusals are always decided on fresh data.</item>
/// <item>Only then the nonce is recorded (atomic try-add, kept until the timestamp leaves the window), on the condition
/// that the integration still has the concurrency token the request was decided on (else it is decided again on fresh
/// data): a replay within the window is refused, a revoked credential is refused at once on every instance, and
/// unauthenticated traffic never fills the nonce store nor burns a client's nonces.</item>
/// </list>
/// The stores get <see cref="StorageOptions.OperationTimeout"/> in all; when they cannot answer the result is
/// <see cref="OAuthProblemReason.StorageUnavailable"/> (503), never an authentication answer.
/// </summary>
internal sealed class OAuthRequestValidator : IOAuthRequestValidator
{
    /// <summary>How many times a request is decided when its integration changes under it (the first may be on a snapshot).</summary>
    private const int MaxDecisions = 3;

    /// <summary>The last second a nonce can be kept until (a clock near the end of <see cref="DateTimeOffset"/>'s range).</summary>
    private static readonly long LastUnixSecond = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private readonly ScopedStores _stores;
    private readonly NonceRecorder _recorder;
    private readonly StorageAvailability _availability;
    private readonly StorageOptions _storage;
    private readonly OAuthKeyCache _keys;
    private readonly RequestOrigin _origin;
    private readonly OAuthOptions _options;
    private readonly TimeProvider _time;
    private readonly IntegrationsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly long _windowSeconds;
    private readonly OAuthRefusalLog _refusals;

    public OAuthRequestValidator(
        ScopedStores stores,
        NonceRecorder recorder,
        StorageAvailability availability,
        IOptions<StorageOptions> storage,
        OAuthKeyCache keys,
        RequestOrigin origin,
        IOptions<OAuthOptions> options,
        TimeProvider time,
        IntegrationsMetrics metrics,
        ILogger<OAuthRequestValidator> logger,
        OAuthRefusalLog refusals)
    {
        _stores = stores;
        _recorder = recorder;
        _availability = availability;
        _storage = storage.Value;
        _keys = keys;
        _origin = origin;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _windowSeconds = (long)_options.TimestampWindow.TotalSeconds;
        _refusals = refusals;
    }

    /// <inheritdoc />
    public ValueTask<OAuthValidationResult> ValidateAsync(OAuthWireRequest request, OAuthFlow flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return _metrics.ObservesValidations || IntegrationsActivitySource.Source.HasListeners()
            ? ValidateObservedAsync(request, flow, cancellationToken)
            : ValidateCoreAsync(request, flow, cancellationToken);
    }

    /// <summary>The validation with its span and measurements, when something listens.</summary>
    private async ValueTask<OAuthValidationResult> ValidateObservedAsync(OAuthWireRequest request, OAuthFlow flow, CancellationToken cancellationToken)
    {
        using var activity = IntegrationsActivitySource.Source.StartActivity("integrations.oauth.validate");
        activity?.SetTag(IntegrationsMetrics.FlowTag, flow.Name);
        var start = Stopwatch.GetTimestamp();
        OAuthValidationResult result;
        try
        {
            result = await ValidateCoreAsync(request, flow, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var outcome = IntegrationsMetrics.FailureOutcome(exception);
            _metrics.RecordValidation(flow.Name, outcome, start);
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            throw;
        }

        _metrics.RecordValidation(flow.Name, ValidationOutcome.Of(result.Problem?.Reason), start);
        if (activity is not null)
        {
            activity.SetTag(IntegrationsMetrics.OutcomeTag, ValidationOutcome.Of(result.Problem?.Reason));
            if (result.Succeeded)
            {
                activity.SetTag(IntegrationsActivitySource.IntegrationIdTag, result.Integration.Id);
            }
            else
            {
                activity.SetStatus(ActivityStatusCode.Error, result.Problem.Code);
            }
        }

        return result;
    }

    /// <summary>
    /// The checks in the documented order: the stateless ones, then, within the storage bound, the stateful ones and
    /// the nonce. Without an async state machine when the stores answer at once (the usual accepted request, decided
    /// on its key's snapshot with an in-memory nonce store); otherwise the rest is awaited in <see cref="CompleteAsync"/>.
    /// Exceptions are delivered through the returned task, as from an async method.
    /// </summary>
    private ValueTask<OAuthValidationResult> ValidateCoreAsync(in OAuthWireRequest request, OAuthFlow flow, CancellationToken cancellationToken)
    {
        var parameters = RequestParameters.Rent();
        StorageDeadline deadline = default;
        ValueTask<OAuthValidationResult> decided;
        try
        {
            var problem = CheckStateless(request, flow, parameters, out var signed);
            if (problem is not null)
            {
                _refusals.Refused(flow, problem, consumerKey: null);
                RequestParameters.Return(parameters);
                return new(OAuthValidationResult.Fail(problem));
            }

            deadline = new StorageDeadline(_storage.OperationTimeout, cancellationToken);
            decided = DecideAsync(request.Method, flow, parameters, signed, deadline);
        }
#pragma warning disable CA1031 // not swallowed: rethrown to the caller through the task, as an async method does
        catch (Exception exception)
#pragma warning restore CA1031
        {
            decided = ValueTask.FromException<OAuthValidationResult>(exception);
        }

        if (!decided.IsCompletedSuccessfully)
        {
            return CompleteAsync(decided, parameters, deadline);
        }

        var result = decided.Result;
        deadline.Dispose();
        RequestParameters.Return(parameters);
        _availability.Answered();
        return new(result);
    }

    /// <summary>Awaits a decision the stores did not complete at once; a storage failure is a 503 (logged once per outage), never an authentication answer.</summary>
    private async ValueTask<OAuthValidationResult> CompleteAsync(ValueTask<OAuthValidationResult> decided, RequestParameters parameters, StorageDeadline deadline)
    {
        try
        {
            var result = await decided.ConfigureAwait(false);
            _availability.Answered();
            return result;
        }
        catch (Exception exception) when (deadline.IsStorageFailure(exception))
        {
            _availability.Refused(exception);
            return OAuthValidationResult.Fail(OAuthProblems.StorageUnavailable);
        }
        finally
        {
            deadline.Dispose();
            RequestParameters.Return(parameters);
        }
    }

    /// <summary>
    /// Step 1, the stateless checks before any lookup, in order: the size of a signed form body and the collection of
    /// the parameters (<see cref="ProtocolChecks.Collect"/>); the request line; the protocol parameters against the
    /// clock; the formats of the issued credentials.
    /// </summary>
    private OAuthProblem? CheckStateless(in OAuthWireRequest request, OAuthFlow flow, RequestParameters parameters, out SignedRequest signed)
    {
        signed = default;
        var problem = ProtocolChecks.Collect(request, parameters, _options);
        if (problem is not null)
        {
            return problem;
        }

        _origin.Apply(parameters); // the URL the client signed: as the host adapter resolved it, or under PublicBaseUrl
        return CheckProtocol(parameters, flow, out signed) ?? CheckCredentialFormats(parameters, flow);
    }

    /// <summary>The protocol parameters (<see cref="ProtocolChecks.Check"/>, as <see cref="IOAuthSigner.Verify"/> makes them) with the clock: required ones, version, signature method, timestamp window, nonce.</summary>
    private OAuthProblem? CheckProtocol(RequestParameters parameters, OAuthFlow flow, out SignedRequest signed)
    {
        var now = _time.GetUtcNow();
        var problem = ProtocolChecks.Check(parameters, flow, _options, now.ToUnixTimeSeconds(), out var method, out var timestamp);
        signed = new SignedRequest(method, timestamp, now);
        return problem;
    }

    /// <summary>The consumer key and, when the flow expects one, the token have the format of issued credentials.</summary>
    private static OAuthProblem? CheckCredentialFormats(RequestParameters parameters, OAuthFlow flow) =>
        !CredentialGenerator.IsWellFormed(parameters.EncodedValue(ProtocolParameter.ConsumerKey)) ? OAuthProblems.ConsumerKeyMalformed
        : flow.ExpectedTokenType is not null && !CredentialGenerator.IsWellFormed(parameters.EncodedValue(ProtocolParameter.Token)) ? OAuthProblems.TokenMalformed
        : null;

    /// <summary>
    /// Steps 2 and 3, the stateful checks and the nonce. A request whose credentials were accepted before is decided on
    /// the snapshot kept with its key (<see cref="KeyedHmac.Snapshot"/>) without reading the store: recording its nonce
    /// is conditional on the integration still having the snapshot's concurrency token, and when it has not
    /// (reauthorize, deactivation, delete, any edit, on any instance) the snapshot is dropped and the request decided
    /// again on fresh data. A refusal is never decided on a snapshot: it is re-read, then pays the token lookup, so a
    /// known consumer key with a bad signature costs what an unknown one costs. Synchronous when accepted on the
    /// snapshot and the nonce store answers at once; anything else continues in <see cref="DecideOnStoreAsync"/>.
    /// </summary>
    private ValueTask<OAuthValidationResult> DecideAsync(string httpMethod, OAuthFlow flow, RequestParameters parameters, in SignedRequest signed, StorageDeadline deadline)
    {
        var key = _keys.Find(signed.Method, parameters.EncodedValue(ProtocolParameter.ConsumerKey), Token(parameters, flow), signed.Now);
        var consumerKey = key?.ConsumerKey ?? parameters.EncodedValue(ProtocolParameter.ConsumerKey).ToString();
        if (key?.Snapshot is not { } snapshot)
        {
            return DecideOnStoreAsync(httpMethod, flow, parameters, signed, deadline, consumerKey, key, decision: null, recording: null, attempt: 0);
        }

        var decision = Decide(parameters, httpMethod, flow, signed.Method, snapshot, key);
        if (decision.Problem is not null)
        {
            return DecideOnStoreAsync(httpMethod, flow, parameters, signed, deadline, consumerKey, key, decision, recording: null, attempt: 0);
        }

        var recording = _recorder.RecordAsync(_stores, NonceOf(decision.Integration!, parameters, signed), deadline);
        if (!recording.IsCompletedSuccessfully)
        {
            return DecideOnStoreAsync(httpMethod, flow, parameters, signed, deadline, consumerKey, key, decision, recording, attempt: 0);
        }

        return Recorded(flow, parameters, consumerKey, decision, signed.Timestamp, recording.Result) is { } result
            ? new(result)
            : DecideOnStoreAsync(httpMethod, flow, parameters, signed, deadline, consumerKey, key, decision: null, recording: null, attempt: 1);
    }

    /// <summary>
    /// The decision with store reads: on fresh data when there is no accepted <paramref name="decision"/>, then the nonce
    /// (awaiting <paramref name="recording"/> when it was started), deciding again when the integration changed meanwhile.
    /// </summary>
    private async ValueTask<OAuthValidationResult> DecideOnStoreAsync(
        string httpMethod,
        OAuthFlow flow,
        RequestParameters parameters,
        SignedRequest signed,
        StorageDeadline deadline,
        string consumerKey,
        KeyedHmac? key,
        Decision? decision,
        ValueTask<NonceOutcome>? recording,
        int attempt)
    {
        for (; attempt < MaxDecisions; attempt++)
        {
            ValueTask<NonceOutcome> pending;
            if (recording is { } started)
            {
                pending = started;
                recording = null;
            }
            else
            {
                if (decision is not { Problem: null })
                {
                    var integration = await FindIntegrationAsync(consumerKey, deadline.Token).ConfigureAwait(false);
                    decision = DecideOnFresh(decision, integration, parameters, httpMethod, flow, signed.Method, key);
                    if (decision.Value.Problem is not null)
                    {
                        return await RefuseAsync(flow, parameters, consumerKey, decision.Value, deadline.Token).ConfigureAwait(false);
                    }
                }

                pending = _recorder.RecordAsync(_stores, NonceOf(decision.Value.Integration!, parameters, signed), deadline);
            }

            if (Recorded(flow, parameters, consumerKey, decision!.Value, signed.Timestamp, await pending.ConfigureAwait(false)) is { } result)
            {
                return result;
            }

            decision = null;
        }

        throw new StorageUnavailableException("The integration kept changing while the request was decided.");
    }

    /// <summary>
    /// The answer for an accepted decision once its nonce is recorded: a replay is refused, a new nonce accepted; or
    /// <see langword="null"/> when the integration changed meanwhile (its snapshot is dropped: decide again on fresh data).
    /// A nonce is recorded over an expired one by the store's clock, read after the decision: a request whose
    /// <paramref name="timestamp"/> left the window by then is refused as such, since the nonce it replaced may have been
    /// its own first use (a replay checked at the window's last second whose insert ran a moment later).
    /// </summary>
    private OAuthValidationResult? Recorded(OAuthFlow flow, RequestParameters parameters, string consumerKey, in Decision accepted, long timestamp, NonceOutcome outcome)
    {
        switch (outcome)
        {
            case NonceOutcome.IntegrationChanged:
                accepted.Key.Snapshot = null;
                return null;
            case NonceOutcome.Used:
                return RefuseReplay(flow, accepted.Integration!, consumerKey);
            case NonceOutcome.Recorded when _time.GetUtcNow().ToUnixTimeSeconds() - timestamp > _windowSeconds:
                _refusals.Refused(flow, OAuthProblems.TimestampRefused, consumerKey);
                return OAuthValidationResult.Fail(OAuthProblems.TimestampRefused);
            case NonceOutcome.Recorded:
                return Accept(flow, parameters, accepted);
            default:
                // a store's answer that is none of the three (default(NonceOutcome) of a store that decided nothing) never
                // accepts: the recording is what checks that a snapshot's integration is still as it was
                throw new StorageUnavailableException($"The nonce store answered an outcome it does not define ({outcome}).");
        }
    }

    /// <summary>The decision on the integration as read now: the previous one stands when it was made on this very version, else every check is made again.</summary>
    private Decision DecideOnFresh(Decision? previous, Integration? integration, RequestParameters parameters, string httpMethod, OAuthFlow flow, OAuthSignatureMethod method, KeyedHmac? key) =>
        previous is { } decided && integration is not null && decided.Integration?.ConcurrencyToken == integration.ConcurrencyToken
            ? decided
            : Decide(parameters, httpMethod, flow, method, integration, previous?.Key ?? key);

    /// <summary>The nonce to record for an accepted request, kept until its timestamp leaves the window, on the condition of the integration's concurrency token.</summary>
    private NonceRecord NonceOf(Integration accepted, RequestParameters parameters, in SignedRequest signed)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(Math.Max(signed.Timestamp, signed.Now.ToUnixTimeSeconds()) + _windowSeconds + 1, LastUnixSecond)); // past the last second the timestamp is accepted
        return new NonceRecord(accepted.ConsumerKey, parameters.DecodedAsciiValue(ProtocolParameter.Nonce), expiresAt, accepted.ConcurrencyToken);
    }

    /// <summary>Refuses a replay: the nonce was used within the window.</summary>
    private OAuthValidationResult RefuseReplay(OAuthFlow flow, Integration accepted, string consumerKey)
    {
        var problem = OAuthProblems.NonceUsed(accepted.Id);
        _refusals.Refused(flow, problem, consumerKey);
        return OAuthValidationResult.Fail(problem);
    }

    /// <summary>Accepts the request; its key keeps the integration as decided (the pair's next request skips the store) and, proven, survives floods of unauthenticated requests.</summary>
    private static OAuthValidationResult Accept(OAuthFlow flow, RequestParameters parameters, in Decision accepted)
    {
        accepted.Key.Snapshot = accepted.Integration;
        accepted.Key.Proven = true;
        var verifier = flow.RequiresVerifier ? parameters.DecodedValue(ProtocolParameter.Verifier) : null;
        var callback = flow.ExpectedTokenType is null ? parameters.DecodedValue(ProtocolParameter.Callback) : null;
        return OAuthValidationResult.Success(accepted.Integration!, accepted.HeldToken, verifier, callback);
    }

    /// <summary>Compares the request with an integration as read (or unknown): every check, without early exit.</summary>
    private Decision Decide(RequestParameters parameters, string httpMethod, OAuthFlow flow, OAuthSignatureMethod method, Integration? integration, KeyedHmac? key)
    {
        var heldToken = flow.ExpectedTokenType is null ? null : integration?.Token;
        var tokenMatches = heldToken is not null && (key?.TokenHash is { } presentedHash
            ? TokenHashMatches(key, presentedHash, heldToken.Hash) // the entry is keyed by the presented token
            : CredentialHasher.Matches(Token(parameters, flow), heldToken.Hash));
        var protectedConsumerSecret = integration?.ProtectedConsumerSecret ?? _keys.DummyConsumerSecret;
        var protectedTokenSecret = flow.ExpectedTokenType is null ? null : tokenMatches ? heldToken!.ProtectedSecret : _keys.DummyTokenSecret;
        var unreadable = false;
        if (key is null || !key.IsFor(protectedConsumerSecret, protectedTokenSecret))
        {
            try
            {
                key = _keys.Create(method, parameters.EncodedValue(ProtocolParameter.ConsumerKey), Token(parameters, flow), protectedConsumerSecret, protectedTokenSecret);
            }
            catch (SecretProtectionException exception)
            {
                // one integration's corrupted secret: a refusal for its caller, never a 500; the same work with dummy secrets
                _logger.CredentialsUnreadable(integration!.Name, integration.Id, exception.Message);
                unreadable = true;
                key = _keys.Create(method, parameters.EncodedValue(ProtocolParameter.ConsumerKey), Token(parameters, flow), _keys.DummyConsumerSecret, protectedTokenSecret is null ? null : _keys.DummyTokenSecret);
            }
        }

        var signatureMatches = SignatureMatches(parameters, httpMethod, key, out var baseString);
        var problem = integration is null ? OAuthProblems.ConsumerKeyUnknown
            : flow.ExpectedTokenType is not null && !tokenMatches ? OAuthProblems.TokenUnknown
            : heldToken is not null && heldToken.Type != flow.ExpectedTokenType ? OAuthProblems.TokenTypeRejected(flow)
            : !flow.Admits(integration) ? OAuthProblems.IntegrationStatusRejected(flow)
            : unreadable ? OAuthProblems.CredentialsUnreadable
            : !signatureMatches ? OAuthProblems.SignatureInvalid
            : null;
        return new Decision(integration, heldToken, key, problem, baseString);
    }

    /// <summary>
    /// Whether the presented token's hash (kept with its key) is the stored one: compared in constant time, unless this
    /// very stored string was found equal to it before (<see cref="KeyedHmac.MatchedStoredTokenHash"/>).
    /// </summary>
    private static bool TokenHashMatches(KeyedHmac key, string presentedHash, string storedHash)
    {
        if (ReferenceEquals(key.MatchedStoredTokenHash, storedHash))
        {
            return true;
        }

        if (!CredentialHasher.HashesEqual(presentedHash, storedHash))
        {
            return false;
        }

        key.MatchedStoredTokenHash = storedHash;
        return true;
    }

    /// <summary>Refuses a request decided on fresh data; every refusal pays the token lookup, so an unknown consumer or token costs what a bad signature costs.</summary>
    private async ValueTask<OAuthValidationResult> RefuseAsync(OAuthFlow flow, RequestParameters parameters, string consumerKey, Decision decision, CancellationToken cancellationToken)
    {
        var problem = decision.Problem!;
        Integration? holder = null;
        string? presentedHash = null;
        if (flow.ExpectedTokenType is not null)
        {
            presentedHash = decision.Key.TokenHash ?? CredentialHasher.Hash(Token(parameters, flow));
            holder = await _stores.Integrations.FindByTokenHashAsync(presentedHash, cancellationToken).ConfigureAwait(false);
        }

        if (problem.Reason == OAuthProblemReason.TokenUnknown && holder is not null && holder.Id != decision.Integration!.Id)
        {
            problem = OAuthProblems.TokenNotOwnedByConsumer(flow);
        }
        else if (problem.Reason == OAuthProblemReason.TokenUnknown && CredentialHasher.HashesEqual(decision.Integration!.ExchangedRequestTokenHash, presentedHash))
        {
            problem = OAuthProblems.TokenTypeRejected(flow); // its request token, already exchanged: "Token is already being used", as Magento
        }

        if (problem.Reason == OAuthProblemReason.SignatureInvalid && _options.IncludeBaseStringInProblems)
        {
            problem = problem.WithBaseString(decision.BaseString ?? string.Empty);
        }

        _refusals.Refused(flow, problem, consumerKey);
        return OAuthValidationResult.Fail(problem);
    }

    private async ValueTask<Integration?> FindIntegrationAsync(string consumerKey, CancellationToken cancellationToken)
    {
        var integration = await _stores.Integrations.FindByConsumerKeyAsync(consumerKey, cancellationToken).ConfigureAwait(false);
        return integration is not null && string.Equals(integration.ConsumerKey, consumerKey, StringComparison.Ordinal)
            ? integration
            : null; // a case-insensitive store collation matched another key
    }

    private static ReadOnlySpan<char> Token(RequestParameters parameters, OAuthFlow flow) =>
        flow.ExpectedTokenType is null ? default : parameters.EncodedValue(ProtocolParameter.Token);

    /// <summary>What the stateful checks found for one reading of the integration (<see langword="null"/> when unknown).</summary>
    private readonly record struct Decision(Integration? Integration, IntegrationToken? HeldToken, KeyedHmac Key, OAuthProblem? Problem, string? BaseString);

    /// <summary>What the stateless checks established: the signature method, the timestamp and the clock's time they were checked at.</summary>
    private readonly record struct SignedRequest(OAuthSignatureMethod Method, long Timestamp, DateTimeOffset Now);

    private bool SignatureMatches(RequestParameters parameters, string method, KeyedHmac key, out string? baseString)
    {
        parameters.Sort();
        var data = parameters.WriteBaseString(method);
        baseString = _options.IncludeBaseStringInProblems ? System.Text.Encoding.ASCII.GetString(data) : null;
        Span<byte> hash = stackalloc byte[SignatureAlgorithm.MaxHashSize];
        var hashLength = key.TryComputeHash(data, hash);
        if (hashLength < 0)
        {
            // the entry was evicted meanwhile: compute with its stored secrets once, without the cache
            using var fresh = _keys.CreateUncached(key);
            hashLength = fresh.TryComputeHash(data, hash);
        }

        if (!_keys.Enabled)
        {
            key.Dispose();
        }

        return ProtocolChecks.SignatureMatches(parameters, hash[..hashLength]);
    }
}
