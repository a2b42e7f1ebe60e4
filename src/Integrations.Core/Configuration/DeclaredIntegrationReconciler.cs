using Integrations.Acl;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Security;
using Integrations.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Configuration;

/// <summary>
/// Brings the store in line with <see cref="DeclaredIntegrationsOptions"/>: creates each declared integration that
/// is absent (Inactive, new consumer key and secret), updates in place the fields of one whose declaration changed
/// (name, e-mail, URLs, resources, bearer use) and leaves an unchanged one untouched. Status and credentials are
/// never reset (unlike Magento, which recreates a changed config integration with new credentials). Runs at
/// start-up; safe to run concurrently from several hosts.
/// </summary>
internal sealed class DeclaredIntegrationReconciler
{
    private const int MaxAttempts = 5;

    private readonly IIntegrationStore _store;
    private readonly IntegrationWriter _writer;
    private readonly IResourceAclProvider _acl;
    private readonly ISecretProtector _protector;
    private readonly TimeProvider _time;
    private readonly IOptions<DeclaredIntegrationsOptions> _options;
    private readonly ILogger<DeclaredIntegrationReconciler> _logger;

    /// <summary>Creates the reconciler.</summary>
    /// <param name="store">The integration store.</param>
    /// <param name="acl">The resource ACL, whose tree declared grants are checked against.</param>
    /// <param name="protector">Encrypts the consumer secret of a created integration.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The declarations.</param>
    /// <param name="logger">The logger.</param>
    public DeclaredIntegrationReconciler(
        IIntegrationStore store,
        IResourceAclProvider acl,
        ISecretProtector protector,
        TimeProvider time,
        IOptions<DeclaredIntegrationsOptions> options,
        ILogger<DeclaredIntegrationReconciler> logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _writer = new IntegrationWriter(store);
        _acl = acl ?? throw new ArgumentNullException(nameof(acl));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Reconciles every declaration.</summary>
    /// <param name="cancellationToken">A token that can be used to abort the operation.</param>
    /// <returns>The declared integrations as stored afterwards, by declaration key.</returns>
    /// <exception cref="IntegrationValidationException">A declaration is invalid.</exception>
    /// <exception cref="DuplicateIntegrationException">A declared name is taken by another integration.</exception>
    public async Task<IReadOnlyDictionary<string, Integration>> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        var declarations = options.Integrations.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .Select(pair => (pair.Key, Id: DeclaredIntegrationId.For(pair.Key), Values: IntegrationDraftValidator.Validate(pair.Value, _acl.Tree)))
            .ToList();
        await FreeNamesPassedOnAsync(declarations, cancellationToken).ConfigureAwait(false);
        var reconciled = new Dictionary<string, Integration>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, id, values) in declarations)
        {
            reconciled[key] = await ReconcileAsync(key, id, values, cancellationToken).ConfigureAwait(false);
        }

        if (options.ReleaseUndeclared)
        {
            await ReleaseUndeclaredAsync([.. reconciled.Values.Select(i => i.Id)], cancellationToken).ConfigureAwait(false);
        }

        return reconciled;
    }

    /// <summary>
    /// A name passed from one declared integration to another (a chain of renames, or a swap) would be taken when the
    /// second is given it: each declared integration that still holds a name another declaration now gives away first
    /// takes its id as a placeholder name (its own declaration renames it next, as names are unique among declarations).
    /// A declared name held by an integration that no declaration renames (an admin's) is refused first, before any write.
    /// </summary>
    private async Task FreeNamesPassedOnAsync(List<(string Key, Guid Id, ValidatedDraft Values)> declarations, CancellationToken cancellationToken)
    {
        var declared = declarations.Select(d => d.Id).ToHashSet();
        var holders = new List<(Guid Id, Integration? Holder)>(declarations.Count);
        foreach (var (_, id, values) in declarations)
        {
            var holder = await _store.FindByNormalizedNameAsync(Integration.NormalizeName(values.Name), cancellationToken).ConfigureAwait(false);
            if (holder is not null && holder.Id != id && !declared.Contains(holder.Id))
            {
                // taken by an integration no declaration renames: refused before anything is written, so a refused start
                // leaves no declared integration renamed (or parked under its placeholder)
                throw DuplicateIntegrationException.ForName(values.Name);
            }

            holders.Add((id, holder));
        }

        foreach (var (id, holder) in holders)
        {
            if (holder is null || holder.Id == id)
            {
                continue;
            }

            try
            {
                await _writer.SaveAsync(holder, null, holder with { Name = holder.Id.ToString("N"), UpdatedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            }
            catch (IntegrationConcurrencyException)
            {
                // another host reconciles it at the same moment: the reconciliation that follows retries or reports the name
            }
        }
    }

    private async Task<Integration> ReconcileAsync(string key, Guid id, ValidatedDraft values, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _writer.FindAsync(id, cancellationToken).ConfigureAwait(false);
            try
            {
                return existing is null
                    ? await CreateAsync(key, id, values, cancellationToken).ConfigureAwait(false)
                    : await UpdateAsync(key, existing, values, cancellationToken).ConfigureAwait(false);
            }
            catch (IntegrationConcurrencyException) when (attempt < MaxAttempts)
            {
                // Another host reconciled (or an admin activated) it meanwhile: read it again.
                _logger.DeclaredIntegrationRetried(key, attempt);
            }
            catch (Exception) when (attempt < MaxAttempts && existing is null)
            {
                // Another host may have created it at the same moment (the store then reports the taken id or name
                // in its own way); if it still does not exist, the error is real (for example a name already used).
                if (await _writer.FindAsync(id, cancellationToken).ConfigureAwait(false) is null)
                {
                    throw;
                }

                _logger.DeclaredIntegrationRetried(key, attempt);
            }
        }
    }

    private async Task<Integration> CreateAsync(string key, Guid id, ValidatedDraft values, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var integration = values.ApplyTo(new Integration
        {
            Id = id,
            Name = values.Name,
            CreatedAt = now,
            UpdatedAt = now,
            ConcurrencyToken = string.Empty, // the writer gives the first stamp
            ConsumerKey = CredentialGenerator.Create(),
            ProtectedConsumerSecret = _protector.Protect(CredentialGenerator.Create()),
            Status = IntegrationStatus.Inactive,
            SetupType = IntegrationSetupType.Config,
        });
        integration = await _writer.CreateAsync(integration, cancellationToken).ConfigureAwait(false);
        _logger.DeclaredIntegrationCreated(key, integration.Name, integration.Id);
        return integration;
    }

    private async Task<Integration> UpdateAsync(string key, Integration existing, ValidatedDraft values, CancellationToken cancellationToken)
    {
        if (existing.SetupType == IntegrationSetupType.Config && Matches(existing, values))
        {
            return existing;
        }

        var changed = values.ApplyTo(existing) with
        {
            SetupType = IntegrationSetupType.Config,
            UpdatedAt = _time.GetUtcNow(),
        };
        var updated = await _writer.SaveAsync(existing, null, changed, cancellationToken).ConfigureAwait(false);
        _logger.DeclaredIntegrationUpdated(key, updated.Name, updated.Id);
        return updated;
    }

    private async Task ReleaseUndeclaredAsync(HashSet<Guid> declared, CancellationToken cancellationToken)
    {
        var undeclared = new List<Integration>();
        for (var page = 1; ; page++)
        {
            var result = await _store.ListAsync(new IntegrationQuery { Page = page, PageSize = IntegrationQuery.MaxPageSize }, cancellationToken).ConfigureAwait(false);
            undeclared.AddRange(result.Items.Where(i => i.SetupType == IntegrationSetupType.Config && !declared.Contains(i.Id)));
            if (result.Items.Count < IntegrationQuery.MaxPageSize)
            {
                break;
            }
        }

        foreach (var integration in undeclared)
        {
            try
            {
                var released = integration with
                {
                    SetupType = IntegrationSetupType.Manual,
                    UpdatedAt = _time.GetUtcNow(),
                };
                await _writer.SaveAsync(integration, null, released, cancellationToken).ConfigureAwait(false);
                _logger.DeclaredIntegrationReleased(integration.Name, integration.Id);
            }
            catch (IntegrationConcurrencyException)
            {
                // Changed or deleted meanwhile; the next start-up looks at it again.
            }
        }
    }

    private static bool Matches(Integration integration, ValidatedDraft values) =>
        integration.Name == values.Name
        && integration.Email == values.Email
        && SameUrl(integration.CallbackUrl, values.CallbackUrl)
        && SameUrl(integration.IdentityLinkUrl, values.IdentityLinkUrl)
        && integration.ResourceAccess == values.ResourceAccess
        && integration.Resources.SetEquals(values.Resources)
        && integration.BearerTokenAllowed == values.BearerTokenAllowed;

    private static bool SameUrl(Uri? left, Uri? right) =>
        string.Equals(left?.OriginalString, right?.OriginalString, StringComparison.Ordinal);
}
