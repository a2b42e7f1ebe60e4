using System.Collections.Concurrent;
using System.Collections.Frozen;
using Integrations.Diagnostics;
using Integrations.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Acl;

/// <summary>
/// The default <see cref="IResourceAclProvider"/>. Holds the compiled <see cref="ResourceTree"/> as an immutable
/// snapshot, swapped atomically when the options change, so a decision is in-memory lookups only: per required
/// resource one frozen-dictionary lookup, then for <see cref="ResourceAccess.Custom"/> one bit test in the grant
/// resolved against the tree (selected resources and their ancestors). A resolved grant is kept per integration and
/// reused while the integration's <see cref="Integration.ConcurrencyToken"/> and the tree stay the same: every saved
/// change of an integration carries a new token, so the next decision sees the new grant.
/// </summary>
internal sealed class ResourceAclProvider : IResourceAclProvider, IDisposable
{
    private const int MaxReportedUndeclared = 1024;
    private const int MaxCachedGrants = 4096;

    /// <summary>The <see cref="IntegrationsMetrics.OutcomeTag"/> value of each outcome.</summary>
    private static readonly FrozenDictionary<ResourceAclOutcome, string> OutcomeNames = IntegrationsMetrics.SnakeCaseNames<ResourceAclOutcome>();

    private readonly IGuestAccessSetting _guestAccess;
    private readonly IntegrationsMetrics _metrics;
    private readonly ILogger<ResourceAclProvider> _logger;
    private readonly IDisposable? _subscription;
    private readonly ConcurrentDictionary<string, bool> _reportedUndeclared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, CompiledGrant> _grants = new();
    private volatile ResourceTree _tree;

    /// <summary>Creates the provider and compiles the declared tree.</summary>
    /// <param name="options">The ACL options: the declared tree and its later changes.</param>
    /// <param name="guestAccess">Whether anonymous guest access is on.</param>
    /// <param name="metrics">Counts the decisions by outcome.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="OptionsValidationException">The declared tree is invalid.</exception>
    public ResourceAclProvider(IOptionsMonitor<ResourceAclOptions> options, IGuestAccessSetting guestAccess, IntegrationsMetrics metrics, ILogger<ResourceAclProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _guestAccess = guestAccess ?? throw new ArgumentNullException(nameof(guestAccess));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        var errors = new List<string>();
        _tree = ResourceTreeCompiler.Compile(options.CurrentValue.Resources, errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ResourceAclOptions), errors);
        }

        _subscription = options.OnChange(OnOptionsChanged);
    }

    /// <inheritdoc />
    public ResourceTree Tree => _tree;

    /// <inheritdoc />
    public ResourceAclDecision Authorize(Integration? integration, IReadOnlyList<string> requiredResources)
    {
        var decision = Decide(integration, requiredResources);
        if (_metrics.ObservesAclDecisions)
        {
            _metrics.RecordAclDecision(OutcomeNames[decision.Outcome]);
        }

        return decision;
    }

    /// <summary>Stops following option changes.</summary>
    public void Dispose() => _subscription?.Dispose();

    private ResourceAclDecision Decide(Integration? integration, IReadOnlyList<string> requiredResources)
    {
        EnsureValid(requiredResources);
        if (integration is null && !_guestAccess.IsEnabled)
        {
            return ResourceAclDecision.Deny(ResourceAclOutcome.GuestAccessDisabled, [.. requiredResources]);
        }

        if (integration is not null && integration.Status != IntegrationStatus.Active)
        {
            return ResourceAclDecision.Deny(ResourceAclOutcome.IntegrationNotActive, [.. requiredResources]);
        }

        var tree = _tree;
        List<string>? missing = null;
        for (var i = 0; i < requiredResources.Count; i++)
        {
            var id = requiredResources[i];
            if (!tree.TryFind(id, out var resource))
            {
                ReportUndeclared(id);
                (missing ??= []).Add(id);
            }
            else if (!IsAllowed(tree, integration, resource))
            {
                (missing ??= []).Add(id);
            }
        }

        return (integration, missing) switch
        {
            (null, null) => ResourceAclDecision.GuestAccess,
            (null, _) => ResourceAclDecision.Deny(ResourceAclOutcome.ResourcesNotGuestEligible, missing),
            (_, null) => ResourceAclDecision.Granted,
            _ => ResourceAclDecision.Deny(ResourceAclOutcome.ResourcesNotGranted, missing),
        };
    }

    private static void EnsureValid(IReadOnlyList<string> requiredResources)
    {
        ArgumentNullException.ThrowIfNull(requiredResources);
        if (requiredResources.Count == 0)
        {
            throw new ArgumentException("A protected operation requires at least one resource.", nameof(requiredResources));
        }

        for (var i = 0; i < requiredResources.Count; i++)
        {
            if (requiredResources[i] is null)
            {
                throw new ArgumentException("A required resource id cannot be null.", nameof(requiredResources));
            }
        }
    }

    /// <summary>Whether the caller may use a declared resource (guest access is known to be on for an anonymous caller).</summary>
    private bool IsAllowed(ResourceTree tree, Integration? integration, AclResource resource) => integration is null
        ? resource.IsGuestEligible
        : IsGranted(tree, integration, resource) || (resource.IsGuestEligible && _guestAccess.IsEnabled);

    private bool IsGranted(ResourceTree tree, Integration integration, AclResource resource)
    {
        if (integration.ResourceAccess == ResourceAccess.All)
        {
            return true;
        }

        if (!_grants.TryGetValue(integration.Id, out var grant)
            || !ReferenceEquals(grant.Tree, tree)
            || !string.Equals(grant.ConcurrencyToken, integration.ConcurrencyToken, StringComparison.Ordinal))
        {
            grant = CompiledGrant.Compile(tree, integration);
            if (_grants.Count >= MaxCachedGrants)
            {
                _grants.Clear();
            }

            _grants[integration.Id] = grant;
        }

        return grant.Reaches(resource);
    }

    private void ReportUndeclared(string id)
    {
        if (_reportedUndeclared.Count < MaxReportedUndeclared && _reportedUndeclared.TryAdd(id, true))
        {
            _logger.UndeclaredResourceRequired(id);
        }
    }

    private void OnOptionsChanged(ResourceAclOptions options, string? name)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return;
        }

        var errors = new List<string>();
        var tree = ResourceTreeCompiler.Compile(options.Resources, errors);
        if (errors.Count > 0)
        {
            _logger.ResourceTreeRejected(string.Join(" ", errors));
            return;
        }

        _tree = tree;
        _reportedUndeclared.Clear();
        _logger.ResourceTreeReplaced(tree.Count);
    }
}
