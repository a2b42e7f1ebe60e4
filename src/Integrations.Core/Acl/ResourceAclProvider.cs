using System.Collections.Concurrent;
using Integrations.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Acl;

/// <summary>
/// The default <see cref="IResourceAclProvider"/>. Holds the compiled <see cref="ResourceTree"/> as an immutable
/// snapshot, swapped atomically when the options change, so a decision is a few in-memory lookups: per required
/// resource one frozen-dictionary lookup, then for <see cref="ResourceAccess.Custom"/> one lookup in the grant and,
/// only when the resource was not selected itself, a scan of the smaller of its subtree and the grant.
/// </summary>
public sealed class ResourceAclProvider : IResourceAclProvider, IDisposable
{
    private const int MaxReportedUndeclared = 1024;

    private readonly IGuestAccessSetting _guestAccess;
    private readonly ILogger<ResourceAclProvider> _logger;
    private readonly IDisposable? _subscription;
    private readonly ConcurrentDictionary<string, bool> _reportedUndeclared = new(StringComparer.Ordinal);
    private volatile ResourceTree _tree;

    /// <summary>Creates the provider and compiles the declared tree.</summary>
    /// <param name="options">The ACL options: the declared tree and its later changes.</param>
    /// <param name="guestAccess">Whether anonymous guest access is on.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="OptionsValidationException">The declared tree is invalid.</exception>
    public ResourceAclProvider(IOptionsMonitor<ResourceAclOptions> options, IGuestAccessSetting guestAccess, ILogger<ResourceAclProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _guestAccess = guestAccess ?? throw new ArgumentNullException(nameof(guestAccess));
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

    /// <summary>Stops following option changes.</summary>
    public void Dispose() => _subscription?.Dispose();

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

    private static bool IsGranted(ResourceTree tree, Integration integration, AclResource resource)
    {
        if (integration.ResourceAccess == ResourceAccess.All)
        {
            return true;
        }

        var granted = integration.Resources;
        if (granted.Contains(resource.Id))
        {
            return true;
        }

        if (!resource.HasDescendants || granted.Count == 0)
        {
            return false;
        }

        // Selecting a resource implies its ancestors: the resource is granted when a selected id lies in its subtree.
        if (resource.LastDescendantIndex - resource.Index <= granted.Count)
        {
            for (var i = resource.Index + 1; i <= resource.LastDescendantIndex; i++)
            {
                if (granted.Contains(tree.At(i).Id))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var id in granted)
        {
            if (tree.TryFind(id, out var selected) && resource.IsAncestorOf(selected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the caller may use a declared resource (guest access is known to be on for an anonymous caller).</summary>
    private bool IsAllowed(ResourceTree tree, Integration? integration, AclResource resource) => integration is null
        ? resource.IsGuestEligible
        : IsGranted(tree, integration, resource) || (resource.IsGuestEligible && _guestAccess.IsEnabled);

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
