using System.Diagnostics;
using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.OAuth;
using Integrations.OAuth.Validation;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Activation;

/// <summary>
/// The default <see cref="ITokenExchangeService"/>. The OAuth engine authenticates the request (signature, nonce,
/// consumer, token, status); this service applies the exchange's own rules in Magento's order and writes the new
/// token with the integration's concurrency token, so of two concurrent calls only one gets a token.
/// </summary>
internal sealed class TokenExchangeService : ITokenExchangeService
{
    /// <summary>How many times a request or access token is decided when the integration changes under it.</summary>
    private const int MaxExchangeAttempts = 3;

    /// <summary>Tells an exchange step that the integration changed under it and the decision is to be taken again.</summary>
    private static readonly TokenExchangeResult RetryOnFreshState = TokenExchangeResult.Rejected("conflict", "The integration changed meanwhile.", 409);

    private readonly IOAuthRequestValidator _validator;
    private readonly IntegrationWriter _writer;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _time;
    private readonly IOptions<IntegrationsOptions> _options;
    private readonly IntegrationEventPublisher _events;
    private readonly IntegrationsMetrics _metrics;
    private readonly ILogger<TokenExchangeService> _logger;
    private readonly StorageAvailability _availability;
    private readonly TimeSpan _storageTimeout;
    private readonly OAuthRefusalLog _refusals;

    /// <summary>Creates the service.</summary>
    /// <param name="validator">Authenticates the requests.</param>
    /// <param name="store">The integration store.</param>
    /// <param name="protector">Encrypts the issued tokens and secrets.</param>
    /// <param name="time">The clock of the exchange window.</param>
    /// <param name="options">The exchange window.</param>
    /// <param name="events">Tells the host's subscribers about completed exchanges.</param>
    /// <param name="metrics">Counts the exchanges and their outcomes.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="availability">Follows storage outages.</param>
    /// <param name="storage">How long a write may wait for the store.</param>
    /// <param name="refusals">Logs and counts the refused exchanges.</param>
    public TokenExchangeService(
        IOAuthRequestValidator validator,
        IIntegrationStore store,
        ISecretProtector protector,
        TimeProvider time,
        IOptions<IntegrationsOptions> options,
        IntegrationEventPublisher events,
        IntegrationsMetrics metrics,
        ILogger<TokenExchangeService> logger,
        StorageAvailability availability,
        IOptions<StorageOptions> storage,
        OAuthRefusalLog refusals)
    {
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
        _writer = new IntegrationWriter(store ?? throw new ArgumentNullException(nameof(store)));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _availability = availability;
        _storageTimeout = storage.Value.OperationTimeout;
        _refusals = refusals;
    }

    /// <inheritdoc />
    public async Task<TokenExchangeResult> IssueRequestTokenAsync(OAuthWireRequest request, CancellationToken cancellationToken = default) =>
        await IssueRequestTokenAsync(await _validator.ValidateAsync(request, OAuthFlow.RequestToken, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<TokenExchangeResult> IssueRequestTokenAsync(OAuthValidationResult validated, CancellationToken cancellationToken = default) =>
        await TraceAsync(OAuthFlow.RequestToken, () => IssueRequestTokenCoreAsync(validated, cancellationToken)).ConfigureAwait(false);

    private async Task<TokenExchangeResult> IssueRequestTokenCoreAsync(OAuthValidationResult validated, CancellationToken cancellationToken)
    {
        if (!validated.Succeeded)
        {
            return TokenExchangeResult.Rejected(validated.Problem);
        }

        var integration = validated.Integration;
        string token, secret;
        for (var attempt = 1; ; attempt++)
        {
            var now = _time.GetUtcNow();
            var rejection =
                !integration.AwaitsExchange
                || integration.ExchangeStartedAt is not { } started
                || now - started >= _options.Value.TokenExchangeWindow
                || (integration.Status == IntegrationStatus.Active && !integration.UsesTokenExchange) ? TokenExchangeProblems.ConsumerKeyExpired // callback URL removed during a reauthorize: nothing to exchange
                : integration.Token is { Type: OAuthTokenType.Request } ? TokenExchangeProblems.NotVerifierToken
                : null;
            if (rejection is not null)
            {
                return Reject(OAuthFlow.RequestToken, integration, rejection);
            }

            token = CredentialGenerator.Create();
            secret = CredentialGenerator.Create();
            var changed = integration with
            {
                // during a reauthorize the third party asks from inside its callback handler: it holds the new credentials,
                // the old access token ends here (the reauthorize's last step: active to pending)
                Status = IntegrationStatus.PendingExchange,
                ExchangedRequestTokenHash = null,
                Token = IssueToken(OAuthTokenType.Request, token, secret, now),
                UpdatedAt = now,
            };
            var trigger = integration.Status == IntegrationStatus.Active ? IntegrationTrigger.Reauthorize : (IntegrationTrigger?)null;
            var conflict = attempt < MaxExchangeAttempts ? RetryOnFreshState : TokenExchangeProblems.NotVerifierToken;
            var (refused, _) = await TryStoreAsync(OAuthFlow.RequestToken, integration, trigger, changed, conflict, cancellationToken).ConfigureAwait(false);
            if (refused is null)
            {
                break;
            }

            if (!ReferenceEquals(refused, RetryOnFreshState))
            {
                return refused;
            }

            // it changed meanwhile: a reauthorize committing as the callback answered, which the third party may
            // overtake by asking from inside its callback handler; decide again on what is stored now
            var (answer, fresh) = await RereadAsync(OAuthFlow.RequestToken, integration, TokenExchangeProblems.ConsumerKeyExpired, cancellationToken).ConfigureAwait(false);
            if (fresh is null)
            {
                return answer!;
            }

            integration = fresh;
        }

        _logger.RequestTokenIssued(integration.Name, integration.Id);
        return TokenExchangeResult.Issued(token, secret);
    }

    /// <inheritdoc />
    public async Task<TokenExchangeResult> IssueAccessTokenAsync(OAuthWireRequest request, CancellationToken cancellationToken = default) =>
        await IssueAccessTokenAsync(await _validator.ValidateAsync(request, OAuthFlow.AccessToken, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<TokenExchangeResult> IssueAccessTokenAsync(OAuthValidationResult validated, CancellationToken cancellationToken = default) =>
        await TraceAsync(OAuthFlow.AccessToken, () => IssueAccessTokenCoreAsync(validated, cancellationToken)).ConfigureAwait(false);

    /// <summary>Runs an exchange in its span and counts its outcome.</summary>
    private async Task<TokenExchangeResult> TraceAsync(OAuthFlow flow, Func<Task<TokenExchangeResult>> exchange)
    {
        using var activity = IntegrationsActivitySource.Source.StartActivity("integrations.token_exchange");
        activity?.SetTag(IntegrationsMetrics.FlowTag, flow.Name);
        TokenExchangeResult result;
        try
        {
            result = await exchange().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var failure = IntegrationsMetrics.FailureOutcome(exception);
            _metrics.RecordTokenExchange(flow.Name, failure);
            activity?.SetStatus(ActivityStatusCode.Error, failure);
            throw;
        }

        _metrics.RecordTokenExchange(flow.Name, result.ProblemCode ?? "issued");
        if (activity is not null)
        {
            activity.SetTag(IntegrationsMetrics.OutcomeTag, result.ProblemCode ?? "issued");
            if (!result.Succeeded)
            {
                activity.SetStatus(ActivityStatusCode.Error, result.ProblemCode);
            }
        }

        return result;
    }

    private async Task<TokenExchangeResult> IssueAccessTokenCoreAsync(OAuthValidationResult validated, CancellationToken cancellationToken)
    {
        if (!validated.Succeeded)
        {
            return TokenExchangeResult.Rejected(validated.Problem);
        }

        var integration = validated.Integration;
        var verifier = validated.Verifier;
        Integration? updated;
        string token, secret;
        DateTimeOffset now;
        for (var attempt = 1; ; attempt++)
        {
            var rejection =
                !IntegrationStateMachine.Permits(integration, IntegrationTrigger.CompleteExchange)
                || validated.Token is not { Type: OAuthTokenType.Request } requestToken
                || !CredentialHasher.HashesEqual(integration.Token?.Hash, requestToken.Hash) ? TokenExchangeProblems.TokenAlreadyUsed
                : string.IsNullOrEmpty(verifier) ? TokenExchangeProblems.VerifierInvalid
                : verifier.Length != CredentialGenerator.Length ? TokenExchangeProblems.VerifierLengthInvalid
                : !CredentialHasher.Matches(verifier, integration.VerifierHash) ? TokenExchangeProblems.VerifierMismatch
                : null;
            if (rejection is not null)
            {
                return Reject(OAuthFlow.AccessToken, integration, rejection);
            }

            now = _time.GetUtcNow();
            token = CredentialGenerator.Create();
            secret = CredentialGenerator.Create();
            var changed = integration with
            {
                Status = IntegrationStatus.Active,
                Token = IssueToken(OAuthTokenType.Access, token, secret, now),
                ExchangedRequestTokenHash = validated.Token!.Hash,
                VerifierHash = null,
                ExchangeStartedAt = null,
                UpdatedAt = now,
            };
            var conflict = attempt < MaxExchangeAttempts ? RetryOnFreshState : TokenExchangeProblems.TokenAlreadyUsed;
            (var refused, updated) = await TryStoreAsync(OAuthFlow.AccessToken, integration, IntegrationTrigger.CompleteExchange, changed, conflict, cancellationToken).ConfigureAwait(false);
            if (updated is not null)
            {
                break;
            }

            if (!ReferenceEquals(refused, RetryOnFreshState))
            {
                return refused!;
            }

            // it changed meanwhile: another exchange of this request token (which the fresh state then refuses as used),
            // or an admin's edit that left the request token as it was; decide again on what is stored now
            var (answer, fresh) = await RereadAsync(OAuthFlow.AccessToken, integration, TokenExchangeProblems.TokenAlreadyUsed, cancellationToken).ConfigureAwait(false);
            if (fresh is null)
            {
                return answer!;
            }

            integration = fresh;
        }

        _logger.IntegrationTransitioned(updated.Name, updated.Id, IntegrationTrigger.CompleteExchange, integration.Status, updated.Status);
        _logger.AccessTokenIssued(updated.Name, updated.Id);
        await _events.PublishAsync(IntegrationEvent.For(IntegrationEventKind.Exchanged, updated, now), cancellationToken).ConfigureAwait(false);
        return TokenExchangeResult.Issued(token, secret);
    }

    /// <summary>
    /// Reads an integration again after it changed under a step: the fresh state to decide on, or the answer when the
    /// store cannot say (503) or it was deleted meanwhile (<paramref name="gone"/>).
    /// </summary>
    private async Task<(TokenExchangeResult? Answer, Integration? Fresh)> RereadAsync(OAuthFlow flow, Integration integration, TokenExchangeResult gone, CancellationToken cancellationToken)
    {
        var (answered, fresh) = await TryReadAsync(integration.Id, cancellationToken).ConfigureAwait(false);
        return !answered ? (TokenExchangeResult.Rejected(OAuthProblems.StorageUnavailable), null)
            : fresh is null ? (Reject(flow, integration, gone), null)
            : (null, fresh);
    }

    /// <summary>
    /// Stores a change through the write path; returns the integration as stored, or <paramref name="conflict"/> if the
    /// integration changed meanwhile (a concurrent exchange, an admin action), or a 503 if the store could not answer in time.
    /// </summary>
    private async Task<(TokenExchangeResult? Refused, Integration? Stored)> TryStoreAsync(OAuthFlow flow, Integration current, IntegrationTrigger? trigger, Integration changed, TokenExchangeResult conflict, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_storageTimeout);
        try
        {
            var stored = await _writer.SaveAsync(current, trigger, changed, bounded.Token).ConfigureAwait(false);
            _availability.Answered();
            return (null, stored);
        }
        catch (IntegrationConcurrencyException)
        {
            return (ReferenceEquals(conflict, RetryOnFreshState) ? conflict : Reject(flow, current, conflict), null);
        }
        catch (Exception exception) when (exception is StorageUnavailableException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _availability.Refused(exception);
            return (TokenExchangeResult.Rejected(OAuthProblems.StorageUnavailable), null);
        }
    }

    /// <summary>Reads the integration again within the storage bound; not answered when the store could not answer in time.</summary>
    private async Task<(bool Answered, Integration? Integration)> TryReadAsync(Guid id, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_storageTimeout);
        try
        {
            return (true, await _writer.FindAsync(id, bounded.Token).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is StorageUnavailableException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _availability.Refused(exception);
            return (false, null);
        }
    }

    private TokenExchangeResult Reject(OAuthFlow flow, Integration integration, TokenExchangeResult rejection)
    {
        _refusals.ExchangeRefused(flow, rejection.ProblemCode!, rejection.Phrase!, integration.Name, integration.Id);
        return rejection;
    }

    private IntegrationToken IssueToken(OAuthTokenType type, string token, string secret, DateTimeOffset now) =>
        new(type, CredentialHasher.Hash(token), _protector.Protect(token), _protector.Protect(secret), now);
}
