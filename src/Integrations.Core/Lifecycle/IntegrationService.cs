using System.Diagnostics;
using Integrations.Acl;
using Integrations.Activation;
using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.Notifications;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Lifecycle;

/// <summary>The default <see cref="IIntegrationService"/>: holds the rules and the state machine; the store only persists.</summary>
internal sealed class IntegrationService : IIntegrationService
{
    /// <summary>How many times the outcome of a callback POST is saved when admins keep editing the integration meanwhile.</summary>
    private const int MaxSavesOverClaim = 3;

    /// <summary>How many times a list reads its page again after expiring exchanges on it.</summary>
    private const int MaxExpiryPasses = 3;

    private readonly IIntegrationStore _store;
    private readonly IntegrationWriter _writer;
    private readonly IAdminPasswordVerifier? _passwordVerifier;
    private readonly IResourceAclProvider _acl;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger<IntegrationService> _logger;
    private readonly CallbackCredentialPoster _callbackPoster;
    private readonly IntegrationEventPublisher _events;
    private readonly IOptions<ActivationOptions> _activationOptions;
    private readonly ExchangeExpiry _expiry;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The integration store.</param>
    /// <param name="passwordVerifiers">
    /// The host's admin password check (the last registered). A host that only serves signed calls registers none; the
    /// operations that confirm the admin's password then throw <see cref="InvalidOperationException"/>.
    /// </param>
    /// <param name="acl">The resource ACL, whose tree grants are checked against.</param>
    /// <param name="protector">Encrypts stored secrets.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="callbackPoster">Posts credentials to callback URLs on activation.</param>
    /// <param name="events">Tells the host's handlers about activations, reauthorizations and deletions.</param>
    /// <param name="activationOptions">The activation settings (the identity link's success callback).</param>
    /// <param name="options">The host-wide settings (the token exchange window, applied whenever an integration is read).</param>
    public IntegrationService(
        IIntegrationStore store,
        IEnumerable<IAdminPasswordVerifier> passwordVerifiers,
        IResourceAclProvider acl,
        ISecretProtector protector,
        TimeProvider time,
        ILogger<IntegrationService> logger,
        CallbackCredentialPoster callbackPoster,
        IntegrationEventPublisher events,
        IOptions<ActivationOptions> activationOptions,
        IOptions<IntegrationsOptions> options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _writer = new IntegrationWriter(store);
        ArgumentNullException.ThrowIfNull(passwordVerifiers);
        _passwordVerifier = passwordVerifiers.LastOrDefault();
        _acl = acl ?? throw new ArgumentNullException(nameof(acl));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _callbackPoster = callbackPoster ?? throw new ArgumentNullException(nameof(callbackPoster));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _activationOptions = activationOptions ?? throw new ArgumentNullException(nameof(activationOptions));
        _expiry = new ExchangeExpiry(store, _writer, time, options ?? throw new ArgumentNullException(nameof(options)), events, logger);
    }

    /// <inheritdoc />
    public async Task<Integration> CreateAsync(IntegrationDraft draft, AdminConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        await ConfirmAsync(confirmation, "create", cancellationToken).ConfigureAwait(false);
        var values = IntegrationDraftValidator.Validate(draft, _acl.Tree);
        await EnsureNameFreeAsync(values.Name, null, cancellationToken).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        var integration = values.ApplyTo(new Integration
        {
            Id = Guid.NewGuid(),
            Name = values.Name,
            CreatedAt = now,
            UpdatedAt = now,
            ConcurrencyToken = string.Empty, // the writer gives the first stamp
            ConsumerKey = CredentialGenerator.Create(),
            ProtectedConsumerSecret = _protector.Protect(CredentialGenerator.Create()),
            Status = IntegrationStatus.Inactive,
            SetupType = IntegrationSetupType.Manual,
        });

        integration = await _writer.CreateAsync(integration, cancellationToken).ConfigureAwait(false);
        _logger.IntegrationCreated(integration.Name, integration.Id, confirmation.AdminId);
        return integration;
    }

    /// <inheritdoc />
    public async Task<Integration> UpdateAsync(Guid id, IntegrationDraft draft, AdminConfirmation confirmation, string? expectedConcurrencyToken = null, CancellationToken cancellationToken = default)
    {
        var current = await LoadAsync(id, expectedConcurrencyToken, cancellationToken).ConfigureAwait(false);
        if (current.SetupType == IntegrationSetupType.Config)
        {
            throw IntegrationReadOnlyException.ForEdit();
        }

        await ConfirmAsync(confirmation, "update", cancellationToken).ConfigureAwait(false);
        var values = IntegrationDraftValidator.Validate(draft, _acl.Tree);
        if (Integration.NormalizeName(values.Name) != current.NormalizedName)
        {
            await EnsureNameFreeAsync(values.Name, id, cancellationToken).ConfigureAwait(false);
        }

        var updated = await _writer.SaveAsync(current, null, values.ApplyTo(current) with { UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        _logger.IntegrationUpdated(updated.Name, updated.Id, confirmation.AdminId);
        return updated;
    }

    /// <inheritdoc />
    public async Task<Integration?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await _writer.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } integration
            ? await _expiry.ApplyAsync(integration, cancellationToken).ConfigureAwait(false)
            : null;

    /// <inheritdoc />
    public async Task<IntegrationPage> ListAsync(IntegrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var normalized = query with
        {
            NameContains = string.IsNullOrWhiteSpace(query.NameContains) ? null : query.NameContains.Trim(),
            EmailContains = string.IsNullOrWhiteSpace(query.EmailContains) ? null : query.EmailContains.Trim(),
            Page = Math.Max(query.Page, 1),
            PageSize = query.Take,
        };
        var page = await _store.ListAsync(normalized, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();

        // an expired exchange makes its integration Inactive, which the store then filters, sorts and counts as such: the
        // page is read again (a row that moved onto it may be due too; a few passes settle any page)
        for (var pass = 0; pass < MaxExpiryPasses && page.Items.Any(integration => _expiry.IsDue(integration, now)); pass++)
        {
            foreach (var integration in page.Items)
            {
                await _expiry.ApplyAsync(integration, cancellationToken).ConfigureAwait(false);
            }

            page = await _store.ListAsync(normalized, cancellationToken).ConfigureAwait(false);
        }

        return page;
    }

    /// <inheritdoc />
    public Task<ActivationResult> ActivateAsync(Guid id, string? expectedConcurrencyToken = null, CancellationToken cancellationToken = default) =>
        AuthorizeAsync(id, expectedConcurrencyToken, IntegrationTrigger.Activate, cancellationToken);

    /// <inheritdoc />
    public Task<ActivationResult> ReauthorizeAsync(Guid id, string? expectedConcurrencyToken = null, CancellationToken cancellationToken = default) =>
        AuthorizeAsync(id, expectedConcurrencyToken, IntegrationTrigger.Reauthorize, cancellationToken);

    /// <inheritdoc />
    public async Task<IntegrationCredentials> RevealCredentialsAsync(Guid id, AdminConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        var integration = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        await ConfirmAsync(confirmation, "reveal credentials", cancellationToken).ConfigureAwait(false);
        var access = integration.Token is { Type: OAuthTokenType.Access } token ? token : null;
        IntegrationCredentials credentials;
        try
        {
            credentials = new IntegrationCredentials(
                integration.ConsumerKey,
                _protector.Unprotect(integration.ProtectedConsumerSecret),
                access is null ? null : _protector.Unprotect(access.ProtectedValue),
                access is null ? null : _protector.Unprotect(access.ProtectedSecret));
        }
        catch (SecretProtectionException exception)
        {
            throw new IntegrationCredentialsUnreadableException(integration.Name, exception);
        }

        _logger.CredentialsRevealed(confirmation.AdminId, integration.Name, integration.Id);
        return credentials;
    }

    /// <inheritdoc />
    public bool CredentialsNeedReauthorize(Integration integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        try
        {
            _protector.Unprotect(integration.ProtectedConsumerSecret);
            if (integration.Token is { } token)
            {
                _protector.Unprotect(token.ProtectedSecret);
            }

            return false;
        }
        catch (SecretProtectionException)
        {
            return true;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(Guid id, AdminConfirmation confirmation, string? expectedConcurrencyToken = null, CancellationToken cancellationToken = default)
    {
        var integration = await LoadAsync(id, expectedConcurrencyToken, cancellationToken).ConfigureAwait(false);
        if (integration.SetupType == IntegrationSetupType.Config)
        {
            throw IntegrationReadOnlyException.ForDelete(integration.Name);
        }

        await ConfirmAsync(confirmation, "delete", cancellationToken).ConfigureAwait(false);
        await _writer.DeleteAsync(integration, cancellationToken).ConfigureAwait(false);
        _logger.IntegrationDeleted(integration.Name, integration.Id, confirmation.AdminId);
        await _events.PublishAsync(IntegrationEvent.For(IntegrationEventKind.Deleted, integration, _time.GetUtcNow(), confirmation.AdminId), cancellationToken).ConfigureAwait(false);
    }

    private async Task<ActivationResult> AuthorizeAsync(Guid id, string? expectedConcurrencyToken, IntegrationTrigger trigger, CancellationToken cancellationToken)
    {
        using var activity = IntegrationsActivitySource.Source.StartActivity(trigger == IntegrationTrigger.Reauthorize ? "integrations.reauthorize" : "integrations.activate");
        activity?.SetTag(IntegrationsActivitySource.IntegrationIdTag, id);
        Integration current;
        ActivationResult result;
        try
        {
            current = await LoadAsync(id, expectedConcurrencyToken, cancellationToken).ConfigureAwait(false);
            var transition = IntegrationStateMachine.Transition(current, trigger);
            result = transition.To == IntegrationStatus.PendingExchange
                ? await StartExchangeAsync(current, trigger, cancellationToken).ConfigureAwait(false)
                : await IssueAccessTokenAsync(current, trigger, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception is CallbackPostException callback ? $"callback {callback.Failure}" : exception.GetType().Name);
            throw;
        }

        _logger.IntegrationTransitioned(result.Integration.Name, result.Integration.Id, trigger, current.Status, result.Integration.Status);
        var kind = trigger == IntegrationTrigger.Reauthorize ? IntegrationEventKind.Reauthorized : IntegrationEventKind.Activated;
        await _events.PublishAsync(IntegrationEvent.For(kind, result.Integration, result.Integration.UpdatedAt), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>No callback URL: the access token and secret are issued at once and shown to the admin.</summary>
    private async Task<ActivationResult> IssueAccessTokenAsync(Integration current, IntegrationTrigger trigger, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var accessToken = CredentialGenerator.Create();
        var accessTokenSecret = CredentialGenerator.Create();
        var (protectedConsumerSecret, consumerSecret) = ConsumerSecret(current);
        var changed = current with
        {
            Status = IntegrationStatus.Active,
            ProtectedConsumerSecret = protectedConsumerSecret,
            ExchangedRequestTokenHash = null,
            VerifierHash = null,
            ExchangeStartedAt = null,
            Token = IssueToken(OAuthTokenType.Access, accessToken, accessTokenSecret, now),
            UpdatedAt = now,
        };

        // The compare-and-swap on the concurrency token makes one of several concurrent Allow clicks win.
        var updated = await _writer.SaveAsync(current, trigger, changed, cancellationToken).ConfigureAwait(false);
        return new ActivationResult(updated, new IntegrationCredentials(current.ConsumerKey, consumerSecret, accessToken, accessTokenSecret), null);
    }

    /// <summary>
    /// With a callback URL: the exchange (new verifier, exchange window starting now) is claimed first with the
    /// concurrency token, so of several concurrent Allow clicks exactly one posts, and the third party may ask for the
    /// request token while the POST is still running (from inside its callback handler). A reauthorize keeps the
    /// current access token working through the POST: only once the callback has accepted the new credentials is it
    /// revoked (<see cref="CommitReauthorizationAsync"/>), so a reauthorize that fails is invisible to the third party.
    /// If the POST fails the claimed state is rolled back, again with the concurrency token.
    /// </summary>
    private async Task<ActivationResult> StartExchangeAsync(Integration current, IntegrationTrigger trigger, CancellationToken cancellationToken)
    {
        var callbackUrl = current.CallbackUrl!;
        _callbackPoster.EnsurePostable(callbackUrl);

        var now = _time.GetUtcNow();
        var verifier = CredentialGenerator.Create();
        var reauthorizing = current.Status == IntegrationStatus.Active && current.Token is { Type: OAuthTokenType.Access };
        var (protectedConsumerSecret, consumerSecret) = ConsumerSecret(current);
        var claim = current with
        {
            Status = reauthorizing ? IntegrationStatus.Active : IntegrationStatus.PendingExchange,
            ProtectedConsumerSecret = protectedConsumerSecret,
            VerifierHash = CredentialHasher.Hash(verifier),
            ExchangeStartedAt = now,
            Token = reauthorizing ? current.Token : null,
            ExchangedRequestTokenHash = reauthorizing ? current.ExchangedRequestTokenHash : null,
            UpdatedAt = now,
        };
        var claimed = await _writer.SaveAsync(current, trigger, claim, cancellationToken).ConfigureAwait(false);

        try
        {
            await _callbackPoster.PostAsync(callbackUrl, new CallbackCredentials(current.ConsumerKey, consumerSecret, verifier), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await RollBackAsync(current, claimed).ConfigureAwait(false);
            throw;
        }

        // a first activation reports the state as it is now: the third party may have gone on from inside its callback
        // handler, and an integration deleted meanwhile was not activated
        var pending = reauthorizing
            ? await CommitReauthorizationAsync(claimed).ConfigureAwait(false)
            : await _writer.FindAsync(claimed.Id, CancellationToken.None).ConfigureAwait(false) ?? throw new IntegrationNotFoundException(claimed.Id);
        var identityLink = current.IdentityLinkUrl is { } link
            ? IdentityLink.Build(link, current.ConsumerKey, _activationOptions.Value.SuccessCallbackUrl)
            : null;
        return new ActivationResult(pending, new IntegrationCredentials(current.ConsumerKey, consumerSecret, null, null), identityLink);
    }

    /// <summary>
    /// The callback accepted the new credentials: the integration now waits for the exchange and the previous access
    /// token is revoked (every instance sees the new concurrency token), also when an admin saved the integration
    /// meanwhile (<see cref="SaveOverClaimAsync"/>). Unless the third party already went on (it asked for its request
    /// token from inside its callback handler) or the integration was reauthorized or deleted again: then that state stands.
    /// </summary>
    private async Task<Integration> CommitReauthorizationAsync(Integration claimed)
    {
        var (integration, committed) = await SaveOverClaimAsync(
            claimed,
            IntegrationTrigger.Reauthorize,
            static integration => integration with { Status = IntegrationStatus.PendingExchange, Token = null, ExchangedRequestTokenHash = null }).ConfigureAwait(false);
        if (committed)
        {
            _logger.ReauthorizationCommitted(integration.Name, integration.Id);
        }

        return integration;
    }

    /// <summary>
    /// Saves <paramref name="change"/> over the claimed exchange, not cancellable (the POST has run: its outcome must be
    /// recorded). When something else saved the integration since the claim but left the exchange as claimed (an
    /// admin's edit), the change is made to that newer state instead; when the exchange itself moved on, the newer state
    /// stands and is returned unsaved.
    /// </summary>
    /// <exception cref="IntegrationNotFoundException">The integration was deleted meanwhile.</exception>
    private async Task<(Integration Integration, bool Saved)> SaveOverClaimAsync(Integration claimed, IntegrationTrigger? trigger, Func<Integration, Integration> change)
    {
        var current = claimed;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await _writer.SaveAsync(current, trigger, change(current), CancellationToken.None).ConfigureAwait(false), true);
            }
            catch (IntegrationConcurrencyException)
            {
                current = await _writer.FindAsync(claimed.Id, CancellationToken.None).ConfigureAwait(false) ?? throw new IntegrationNotFoundException(claimed.Id);
                if (attempt == MaxSavesOverClaim || !ExchangeAsClaimed(current, claimed))
                {
                    return (current, false);
                }
            }
        }
    }

    /// <summary>Whether nothing of the exchange changed since <paramref name="claimed"/> (only what an admin edits may have).</summary>
    private static bool ExchangeAsClaimed(Integration current, Integration claimed) =>
        current.Status == claimed.Status
        && current.VerifierHash == claimed.VerifierHash
        && current.ExchangeStartedAt == claimed.ExchangeStartedAt
        && current.ExchangedRequestTokenHash == claimed.ExchangedRequestTokenHash
        && current.Token?.Hash == claimed.Token?.Hash
        && current.ProtectedConsumerSecret == claimed.ProtectedConsumerSecret;

    /// <summary>
    /// The consumer secret to hand out: the stored one, or, when it cannot be decrypted any more (a corrupted value, a
    /// retired key), a new one (the consumer key is kept), so reauthorizing repairs the integration.
    /// </summary>
    private (string Protected, string Clear) ConsumerSecret(Integration current)
    {
        try
        {
            return (current.ProtectedConsumerSecret, _protector.Unprotect(current.ProtectedConsumerSecret));
        }
        catch (SecretProtectionException)
        {
            _logger.ConsumerSecretReplaced(current.Name, current.Id);
            var secret = CredentialGenerator.Create();
            return (_protector.Protect(secret), secret);
        }
    }

    /// <summary>
    /// Puts back the exchange as it was before a failed POST, also when an admin saved the integration meanwhile
    /// (<see cref="SaveOverClaimAsync"/>), so the verifier posted is never left valid; unless the exchange itself moved on.
    /// When the claim made an inactive integration wait for its exchange, the exchange ends unfinished (the state
    /// machine's <see cref="IntegrationTrigger.ExpireExchange"/>, back to inactive); otherwise the status never changed.
    /// </summary>
    private async Task RollBackAsync(Integration before, Integration claimed)
    {
        try
        {
            var trigger = before.Status == claimed.Status ? (IntegrationTrigger?)null : IntegrationTrigger.ExpireExchange;
            var (_, restored) = await SaveOverClaimAsync(
                claimed,
                trigger,
                integration => integration with
                {
                    Status = before.Status,
                    ProtectedConsumerSecret = before.ProtectedConsumerSecret,
                    VerifierHash = before.VerifierHash,
                    ExchangeStartedAt = before.ExchangeStartedAt,
                    Token = before.Token,
                    ExchangedRequestTokenHash = before.ExchangedRequestTokenHash,
                    UpdatedAt = ReferenceEquals(integration, claimed) ? before.UpdatedAt : integration.UpdatedAt,
                }).ConfigureAwait(false);
            if (!restored)
            {
                _logger.RollbackSkipped(before.Name, before.Id);
            }
        }
        catch (Exception exception) when (exception is IntegrationException or StorageUnavailableException or InvalidOperationException)
        {
            // deleted meanwhile, not a state the rollback may restore, or the store is down: the activation's own
            // failure is what the caller must see, so it is not replaced by this one
            _logger.RollbackSkipped(before.Name, before.Id);
        }
    }

    private IntegrationToken IssueToken(OAuthTokenType type, string token, string secret, DateTimeOffset now) =>
        new(type, CredentialHasher.Hash(token), _protector.Protect(token), _protector.Protect(secret), now);

    private async Task<Integration> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new IntegrationNotFoundException(id);

    /// <summary>
    /// The integration, which must still be the version the admin saw when <paramref name="expectedConcurrencyToken"/> is given:
    /// every write that follows is conditional on the token read here, so a change after this read is refused too.
    /// </summary>
    private async Task<Integration> LoadAsync(Guid id, string? expectedConcurrencyToken, CancellationToken cancellationToken)
    {
        var integration = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        return expectedConcurrencyToken is null || string.Equals(integration.ConcurrencyToken, expectedConcurrencyToken, StringComparison.Ordinal)
            ? integration
            : throw new IntegrationConcurrencyException(id);
    }

    private async Task ConfirmAsync(AdminConfirmation confirmation, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        var verifier = _passwordVerifier ?? throw new InvalidOperationException(
            $"Confirming the admin's password ({action}) needs the host's check: register it with AddIntegrations().UseAdminPasswordVerifier<T>().");
        if (!await verifier.VerifyAsync(confirmation, cancellationToken).ConfigureAwait(false))
        {
            _logger.AdminPasswordRejected(confirmation.AdminId, action);
            throw new InvalidAdminPasswordException();
        }
    }

    private async Task EnsureNameFreeAsync(string name, Guid? ownId, CancellationToken cancellationToken)
    {
        var existing = await _store.FindByNormalizedNameAsync(Integration.NormalizeName(name), cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.Id != ownId)
        {
            throw DuplicateIntegrationException.ForName(name);
        }
    }
}
