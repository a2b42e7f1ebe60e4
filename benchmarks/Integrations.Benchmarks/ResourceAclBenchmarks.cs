using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Integrations.Acl;
using Integrations.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>
/// What one ACL decision costs on a tree of 11,110 resources (10 roots, fan-out 10, four levels): the decision is
/// in-memory only (no store), so this is the whole per-request ACL cost once the integration is authenticated.
/// Run: <c>dotnet run -c Release --project benchmarks/Integrations.Benchmarks -- --filter '*ResourceAcl*'</c>.
/// </summary>
[MemoryDiagnoser]
public class ResourceAclBenchmarks
{
    private readonly string[] _leaf = [Id(4, 2, 8, 0)];
    private readonly string[] _parentOfSelected = [Id(4, 2)];
    private readonly string[] _rootOfSelected = [Id(4)];
    private readonly string[] _threeGranted = [Id(4, 2, 8, 0), Id(4, 2), Id(4)];
    private readonly string[] _deniedTwoOfThree = [Id(4, 2, 8, 0), Id(4, 2, 8, 1), Id(5, 5, 5, 5)];
    private readonly string[] _guestEligible = [Id(0, 0, 0, 0)];
    private ServiceProvider _services = null!;
    private IResourceAclProvider _acl = null!;
    private Integration _all = null!;
    private Integration _wideGrant = null!;
    private Integration[] _alternatingVersions = null!;
    private int _version;

    /// <summary>Builds the tree and two active integrations: All, and Custom with 1,000 selected leaves.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddIntegrations()
            .AddResources(tree => Level(tree, []))
            .ConfigureAcl(options => options.AllowAnonymousGuestAccess = true);
        _services = services.BuildServiceProvider();
        _acl = _services.GetRequiredService<IResourceAclProvider>();
        var selected = _acl.Tree.Resources.Where(r => r.Depth == 3 && r.Id.EndsWith('0')).Select(r => r.Id);
        _all = Active(ResourceAccess.All, []);
        _wideGrant = Active(ResourceAccess.Custom, selected);
        _alternatingVersions = [_wideGrant with { ConcurrencyToken = "v2" }, _wideGrant with { ConcurrencyToken = "v3" }];
    }

    /// <summary>Releases the services.</summary>
    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>All access, one resource.</summary>
    [Benchmark(Baseline = true)]
    public bool All_one_resource() => _acl.Authorize(_all, _leaf).IsAllowed;

    /// <summary>Custom, the required resource is itself selected.</summary>
    [Benchmark]
    public bool Custom_selected_resource() => _acl.Authorize(_wideGrant, _leaf).IsAllowed;

    /// <summary>Custom, granted as the parent of selected resources (selecting implies ancestors).</summary>
    [Benchmark]
    public bool Custom_ancestor_of_a_selection() => _acl.Authorize(_wideGrant, _parentOfSelected).IsAllowed;

    /// <summary>Custom, granted as the top-level ancestor of selected resources (1,110 resources below it).</summary>
    [Benchmark]
    public bool Custom_root_above_a_selection() => _acl.Authorize(_wideGrant, _rootOfSelected).IsAllowed;

    /// <summary>
    /// Custom, first decision for a new version of the integration (its grant of 1,000 resources is resolved against
    /// the tree again): what the request after a grant change pays once.
    /// </summary>
    [Benchmark]
    public bool Custom_first_decision_after_a_change() => _acl.Authorize(_alternatingVersions[_version ^= 1], _leaf).IsAllowed;

    /// <summary>Custom, three required resources, all granted.</summary>
    [Benchmark]
    public bool Custom_three_resources() => _acl.Authorize(_wideGrant, _threeGranted).IsAllowed;

    /// <summary>Custom, three required resources, two denied (the decision lists them).</summary>
    [Benchmark]
    public int Custom_denied_two_of_three() => _acl.Authorize(_wideGrant, _deniedTwoOfThree).MissingResources.Count;

    /// <summary>Anonymous call to a guest-eligible resource while guest access is on.</summary>
    [Benchmark]
    public bool Anonymous_guest_resource() => _acl.Authorize(null, _guestEligible).IsAllowed;

    private static string Id(params int[] path) => "Vendor_Large::r" + string.Join('_', path);

    private static void Level(ResourceTreeBuilder level, int[] path)
    {
        for (var i = 0; i < 10; i++)
        {
            int[] child = [.. path, i];
            var guestEligible = child.All(step => step == 0);
            level.Add(Id(child), Id(child), child.Length < 4 ? next => Level(next, child) : null, guestEligible);
        }
    }

    private static Integration Active(ResourceAccess access, IEnumerable<string> resources) => new()
    {
        Id = Guid.NewGuid(),
        Name = "Benchmark",
        Status = IntegrationStatus.Active,
        ResourceAccess = access,
        Resources = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, resources),
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        ConcurrencyToken = "v1",
        ConsumerKey = "benchmark0000000000000000000000a",
        ProtectedConsumerSecret = "protected",
    };
}
