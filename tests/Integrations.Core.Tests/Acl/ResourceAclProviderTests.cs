using Integrations.Acl;
using Integrations.Model;
using static Integrations.Core.Tests.Acl.AclSetup;

namespace Integrations.Core.Tests.Acl;

public sealed class ResourceAclProviderTests : IDisposable
{
    private readonly AclSetup _acl = new(AclSetup.Shop);

    public void Dispose() => _acl.Dispose();

    [Fact]
    public void All_grants_every_resource_including_resources_declared_later()
    {
        var integration = Integrations.Active(ResourceAccess.All);

        Decide(integration, Products, Orders, Pages, Catalog).Should().BeSameAs(ResourceAclDecision.Granted);
        Decide(integration, "Vendor_Feeds::export").Outcome.Should().Be(ResourceAclOutcome.ResourcesNotGranted);

        _acl.Options.Change(AclSetup.Declare(tree => AclSetup.Shop(tree.Add("Vendor_Feeds::export", "Feed export"))));

        Decide(integration, "Vendor_Feeds::export").Should().BeSameAs(ResourceAclDecision.Granted);
    }

    [Fact]
    public void Custom_grants_only_the_selected_resources()
    {
        var integration = Integrations.Active(ResourceAccess.Custom, Products, Pages);

        Decide(integration, Products).IsAllowed.Should().BeTrue();
        Decide(integration, Pages).IsAllowed.Should().BeTrue();
        var denied = Decide(integration, Categories);

        denied.IsAllowed.Should().BeFalse();
        denied.Outcome.Should().Be(ResourceAclOutcome.ResourcesNotGranted);
        denied.MissingResources.Should().Equal(Categories);
        Decide(integration, Orders).MissingResources.Should().Equal(Orders);
    }

    [Fact]
    public void Selecting_a_resource_implies_its_ancestors_but_not_its_siblings_or_children()
    {
        var leaf = Integrations.Active(ResourceAccess.Custom, Products);
        var parent = Integrations.Active(ResourceAccess.Custom, Sales);

        Decide(leaf, Inventory).IsAllowed.Should().BeTrue();
        Decide(leaf, Catalog).IsAllowed.Should().BeTrue();
        Decide(leaf, Categories).IsAllowed.Should().BeFalse();
        Decide(leaf, Sales).IsAllowed.Should().BeFalse();
        Decide(parent, Sales).IsAllowed.Should().BeTrue();
        Decide(parent, Orders).MissingResources.Should().Equal(Orders);
    }

    [Fact]
    public void Every_required_resource_must_be_granted_and_the_denial_names_the_missing_ones()
    {
        var integration = Integrations.Active(ResourceAccess.Custom, Products);

        Decide(integration, Products, Catalog).Should().BeSameAs(ResourceAclDecision.Granted);
        var denied = Decide(integration, Orders, Products, Categories);

        denied.IsAllowed.Should().BeFalse();
        denied.MissingResources.Should().Equal(Orders, Categories);
        denied.MissingResourcesText.Should().Be("Magento_Sales::sales_order, Magento_Catalog::categories");
        denied.Message.Should().Be("The consumer isn't authorized to access Magento_Sales::sales_order, Magento_Catalog::categories.");
        ResourceAclDecision.Granted.Message.Should().BeNull();
    }

    [Theory]
    [InlineData(IntegrationStatus.Inactive)]
    [InlineData(IntegrationStatus.PendingExchange)]
    public void An_integration_that_is_not_active_is_never_authorized(IntegrationStatus status)
    {
        _acl.GuestAccess.IsEnabled = true;
        var integration = Integrations.With(status, ResourceAccess.All);

        var decision = Decide(integration, Products, Orders);

        decision.IsAllowed.Should().BeFalse();
        decision.Outcome.Should().Be(ResourceAclOutcome.IntegrationNotActive);
        decision.MissingResources.Should().Equal(Products, Orders);
    }

    [Fact]
    public void Selected_ids_that_left_the_tree_are_ignored()
    {
        _acl.Options.Change(AclSetup.Declare(tree => AclSetup.Shop(tree.Add(Sales, "Sales", sales => sales.Add("Vendor_Rma::returns", "Returns")))));
        var integration = Integrations.Active(ResourceAccess.Custom, Products, "Vendor_Rma::returns");
        Decide(integration, Sales).IsAllowed.Should().BeTrue();

        _acl.Options.Change(AclSetup.Declare(AclSetup.Shop));

        Decide(integration, Sales).MissingResources.Should().Equal(Sales);
        Decide(integration, "Vendor_Rma::returns").MissingResources.Should().Equal("Vendor_Rma::returns");
        Decide(integration, Products, Catalog).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void A_required_resource_the_tree_does_not_declare_is_denied_to_everyone()
    {
        _acl.GuestAccess.IsEnabled = true;

        Decide(Integrations.Active(ResourceAccess.All), Products, "Vendor_Typo::oops").MissingResources.Should().Equal("Vendor_Typo::oops");
        Decide(Integrations.Active(ResourceAccess.Custom, "Vendor_Typo::oops"), "Vendor_Typo::oops").IsAllowed.Should().BeFalse();
        Decide(null, "Vendor_Typo::oops").MissingResources.Should().Equal("Vendor_Typo::oops");
    }

    [Fact]
    public void Ids_are_compared_ordinally()
    {
        var integration = Integrations.Active(ResourceAccess.Custom, Products);

        Decide(integration, "magento_catalog::products").IsAllowed.Should().BeFalse();
        Decide(Integrations.Active(ResourceAccess.All), "MAGENTO_CATALOG::PRODUCTS").IsAllowed.Should().BeFalse();
    }

    [Fact]
    public void An_operation_must_name_its_resources()
    {
        var integration = Integrations.Active(ResourceAccess.All);

        var empty = () => _acl.Provider.Authorize(integration, []);
        var withNull = () => _acl.Provider.Authorize(integration, [Products, null!]);

        empty.Should().Throw<ArgumentException>().WithMessage("A protected operation requires at least one resource.*");
        withNull.Should().Throw<ArgumentException>().WithMessage("A required resource id cannot be null.*");
    }

    [Fact]
    public void A_tree_of_thousands_of_resources_decides_by_subtree_and_by_grant()
    {
        // 10 roots, each with 10 children, each with 10 children, each with 10 leaves: 11,110 resources.
        using var acl = new AclSetup(LargeTree.Declare);
        var tree = acl.Provider.Tree;
        tree.Count.Should().Be(11_110);
        var everyOtherLeaf = tree.Resources.Where(r => r.Depth == 3 && r.Id.EndsWith('0')).Select(r => r.Id).ToArray();
        var wide = Integrations.Active(ResourceAccess.Custom, everyOtherLeaf);
        var narrow = Integrations.Active(ResourceAccess.Custom, LargeTree.Id(7, 3, 9, 4));

        everyOtherLeaf.Should().HaveCount(1_000);
        acl.Provider.Authorize(wide, [LargeTree.Id(4, 2, 8, 0), LargeTree.Id(4, 2), LargeTree.Id(9)]).IsAllowed.Should().BeTrue();
        acl.Provider.Authorize(wide, [LargeTree.Id(4, 2, 8, 1)]).MissingResources.Should().Equal(LargeTree.Id(4, 2, 8, 1));
        acl.Provider.Authorize(narrow, [LargeTree.Id(7), LargeTree.Id(7, 3), LargeTree.Id(7, 3, 9), LargeTree.Id(7, 3, 9, 4)]).IsAllowed.Should().BeTrue();
        acl.Provider.Authorize(narrow, [LargeTree.Id(7, 3, 9, 5), LargeTree.Id(6), LargeTree.Id(7, 4)])
            .MissingResources.Should().Equal(LargeTree.Id(7, 3, 9, 5), LargeTree.Id(6), LargeTree.Id(7, 4));
        acl.Provider.Authorize(Integrations.Active(ResourceAccess.All), [LargeTree.Id(9, 9, 9, 9)]).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void Decisions_stay_right_for_more_integrations_than_the_provider_keeps_resolved_grants_for()
    {
        string[] choices = [Products, Categories, Orders, Pages];
        var integrations = Enumerable.Range(0, 5_000).Select(i => Integrations.Active(ResourceAccess.Custom, choices[i % 4])).ToArray();

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < integrations.Length; i++)
            {
                Decide(integrations[i], choices[i % 4]).IsAllowed.Should().BeTrue();
                Decide(integrations[i], choices[(i + 1) % 4]).IsAllowed.Should().BeFalse();
            }
        }
    }

    [Fact]
    public void A_new_version_of_an_integration_is_decided_on_its_own_grant()
    {
        var before = Integrations.Active(ResourceAccess.Custom, Products);
        Decide(before, Products).IsAllowed.Should().BeTrue();

        var after = before with { Resources = [Orders], ConcurrencyToken = "v2" };

        Decide(after, Products).IsAllowed.Should().BeFalse();
        Decide(after, Orders, Sales).IsAllowed.Should().BeTrue();
        Decide(after with { ResourceAccess = ResourceAccess.All, ConcurrencyToken = "v3" }, Products).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public async Task Decisions_during_tree_changes_see_one_whole_tree_or_the_other()
    {
        var withFeeds = AclSetup.Declare(tree => AclSetup.Shop(tree.Add(Catalog, "Catalog", c => c.Add("Vendor_Feeds::export", "Feeds"))));
        var withoutFeeds = AclSetup.Declare(AclSetup.Shop);
        var integration = Integrations.Active(ResourceAccess.Custom, "Vendor_Feeds::export", Products);
        using var stop = new CancellationTokenSource();

        var deciders = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var seen = new HashSet<string>();
            while (!stop.IsCancellationRequested)
            {
                var decision = Decide(integration, Catalog, "Vendor_Feeds::export", Products);
                seen.Add(decision.IsAllowed ? "granted" : decision.MissingResourcesText);
            }

            return seen;
        })).ToArray();
        for (var i = 0; i < 2_000; i++)
        {
            _acl.Options.Change(i % 2 == 0 ? withFeeds : withoutFeeds);
        }

        await stop.CancelAsync();
        var outcomes = (await Task.WhenAll(deciders)).SelectMany(seen => seen).ToHashSet();

        outcomes.Should().BeSubsetOf(["granted", "Vendor_Feeds::export"]);
    }

    private ResourceAclDecision Decide(Integration? integration, params string[] resources) => _acl.Provider.Authorize(integration, resources);
}
