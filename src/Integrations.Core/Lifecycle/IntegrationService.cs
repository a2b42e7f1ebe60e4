using Integrations.Acl;
using Integrations.Diagnostics;
using Integrations.Model;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Logging;

namespace Integrations.Lifecycle;

/// <summary>The default <see cref="IIntegrationService"/>: holds the rules and the state machine; the store only persists.</summary>
public sealed class IntegrationService : IIntegrationService
{
    private readonly IIntegrationStore _store;
    private readonly IAdminPasswordVerifier _passwordVerifier;
    private readonly IResourceAclProvider _acl;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger<IntegrationService> _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The integration store.</param>
    /// <param name="passwordVerifier">The host's admin password check.</param>
    /// <param name="acl">The resource ACL, whose tree grants are checked against.</param>
    /// <param name="protector">Encrypts stored secrets.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public IntegrationService(
        IIntegrationStore store,
        IAdminPasswordVerifier passwordVerifier,
        IResourceAclProvider acl,
        ISecretProtector protector,
        TimeProvider time,
        ILogger<IntegrationService> logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _passwordVerifier = passwordVerifier ?? throw new ArgumentNullException(nameof(passwordVerifier));
        _acl = acl ?? throw new ArgumentNullException(nameof(acl));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
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
            ConcurrencyToken = NewConcurrencyToken(),
            ConsumerKey = CredentialGenerator.Create(),
            ProtectedConsumerSecret = _protector.Protect(CredentialGenerator.Create()),
            Status = IntegrationStatus.Inactive,
            SetupType = IntegrationSetupType.Manual,
        });

        await _store.CreateAsync(integration, cancellationToken).ConfigureAwait(false);
        _logger.IntegrationCreated(integration.Name, integration.Id, confirmation.AdminId);
        return integration;
    }

    /// <inheritdoc />
    public async Task<Integration> UpdateAsync(Guid id, IntegrationDraft draft, AdminConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        var current = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
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

        var updated = values.ApplyTo(current) with { UpdatedAt = _time.GetUtcNow(), ConcurrencyToken = NewConcurrencyToken() };
        await _store.UpdateAsync(updated, current.ConcurrencyToken, cancellationToken).ConfigureAwait(false);
        _logger.IntegrationUpdated(updated.Name, updated.Id, confirmation.AdminId);
        return updated;
    }

    /// <inheritdoc />
    public async Task<Integration?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await _store.FindByIdAsync(id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IntegrationPage> ListAsync(IntegrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var normalized = query with
        {
            NameContains = string.IsNullOrWhiteSpace(query.NameContains) ? null : query.NameContains.Trim(),
            Page = Math.Max(query.Page, 1),
            PageSize = query.Take,
        };
        return await _store.ListAsync(normalized, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ActivationResult> ActivateAsync(Guid id, CancellationToken cancellationToken = default) =>
        AuthorizeAsync(id, IntegrationTrigger.Activate, cancellationToken);

    /// <inheritdoc />
    public Task<ActivationResult> ReauthorizeAsync(Guid id, CancellationToken cancellationToken = default) =>
        AuthorizeAsync(id, IntegrationTrigger.Reauthorize, cancellationToken);

    /// <inheritdoc />
    public async Task<IntegrationCredentials> RevealCredentialsAsync(Guid id, AdminConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        var integration = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        await ConfirmAsync(confirmation, "reveal credentials", cancellationToken).ConfigureAwait(false);
        var access = integration.Token is { Type: OAuthTokenType.Access } token ? token : null;
        _logger.CredentialsRevealed(confirmation.AdminId, integration.Name, integration.Id);
        return new IntegrationCredentials(
            integration.ConsumerKey,
            _protector.Unprotect(integration.ProtectedConsumerSecret),
            access is null ? null : _protector.Unprotect(access.ProtectedValue),
            access is null ? null : _protector.Unprotect(access.ProtectedSecret));
    }

    /// <inheritdoc />
    public async Task DeleteAsync(Guid id, AdminConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        var integration = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (integration.SetupType == IntegrationSetupType.Config)
        {
            throw IntegrationReadOnlyException.ForDelete(integration.Name);
        }

        await ConfirmAsync(confirmation, "delete", cancellationToken).ConfigureAwait(false);
        IntegrationStateMachine.Transition(integration, IntegrationTrigger.Delete);
        await _store.DeleteAsync(integration, integration.ConcurrencyToken, cancellationToken).ConfigureAwait(false);
        _logger.IntegrationDeleted(integration.Name, integration.Id, confirmation.AdminId);
    }

    private async Task<ActivationResult> AuthorizeAsync(Guid id, IntegrationTrigger trigger, CancellationToken cancellationToken)
    {
        var current = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        var transition = IntegrationStateMachine.Transition(current, trigger);
        var now = _time.GetUtcNow();
        var consumerSecret = _protector.Unprotect(current.ProtectedConsumerSecret);

        Integration updated;
        IntegrationCredentials credentials;
        string? verifier = null;
        if (transition.To == IntegrationStatus.PendingExchange)
        {
            verifier = CredentialGenerator.Create();
            updated = current with
            {
                Status = IntegrationStatus.PendingExchange,
                VerifierHash = CredentialHasher.Hash(verifier),
                ExchangeStartedAt = now,
                Token = null,
            };
            credentials = new IntegrationCredentials(current.ConsumerKey, consumerSecret, null, null);
        }
        else
        {
            var accessToken = CredentialGenerator.Create();
            var accessTokenSecret = CredentialGenerator.Create();
            updated = current with
            {
                Status = IntegrationStatus.Active,
                VerifierHash = null,
                ExchangeStartedAt = null,
                Token = IssueToken(OAuthTokenType.Access, accessToken, accessTokenSecret, now),
            };
            credentials = new IntegrationCredentials(current.ConsumerKey, consumerSecret, accessToken, accessTokenSecret);
        }

        updated = updated with { UpdatedAt = now, ConcurrencyToken = NewConcurrencyToken() };
        await _store.UpdateAsync(updated, current.ConcurrencyToken, cancellationToken).ConfigureAwait(false);
        _logger.IntegrationTransitioned(updated.Name, updated.Id, trigger, current.Status, updated.Status);
        return new ActivationResult(updated, credentials, verifier);
    }

    private IntegrationToken IssueToken(OAuthTokenType type, string token, string secret, DateTimeOffset now) =>
        new(type, CredentialHasher.Hash(token), _protector.Protect(token), _protector.Protect(secret), now);

    private async Task<Integration> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await _store.FindByIdAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new IntegrationNotFoundException(id);

    private async Task ConfirmAsync(AdminConfirmation confirmation, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        if (!await _passwordVerifier.VerifyAsync(confirmation, cancellationToken).ConfigureAwait(false))
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

    private static string NewConcurrencyToken() => Guid.NewGuid().ToString("N");
}
