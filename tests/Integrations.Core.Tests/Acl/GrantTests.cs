using Integrations.Acl;
using Integrations.Core.Tests.Lifecycle;
using Integrations.Lifecycle;
using Integrations.Model;
using Integrations.Stores;
using static Integrations.Core.Tests.Acl.AclSetup;

namespace Integrations.Core.Tests.Acl;

/// <summary>Grants saved through the integration service: validated against the tree, applied to the next decision.</summary>
public sealed class GrantTests
{
    private readonly ServiceFixture _fixture = new();

    private IntegrationService Service => _fixture.Service;

    [Fact]
    public async Task Unknown_ids_are_refused_on_create_and_nothing_is_stored()
    {
        var draft = Draft(Products, "Vendor_Typo::prodcuts", "magento_sales::sales");

        var act = () => Service.CreateAsync(draft, ServiceFixture.Admin);

        (await act.Should().ThrowAsync<IntegrationValidationException>()).Which.Errors.Should().Equal(
            new Dictionary<string, string> { ["Resources"] = "The resources 'Vendor_Typo::prodcuts', 'magento_sales::sales' do not exist." });
        (await Service.ListAsync(new IntegrationQuery())).TotalCount.Should().Be(0);
    }

    [Fact]
    public async Task Unknown_ids_are_refused_on_update_and_the_stored_grant_stays()
    {
        var created = await Service.CreateAsync(Draft(Products), ServiceFixture.Admin);

        var act = () => Service.UpdateAsync(created.Id, Draft(Products, "Vendor_Typo::x"), ServiceFixture.Admin);

        await act.Should().ThrowAsync<IntegrationValidationException>().WithMessage("The resource 'Vendor_Typo::x' does not exist.");
        (await Service.GetAsync(created.Id)).Should().Be(created);
    }

    [Fact]
    public async Task A_long_list_of_unknown_ids_is_summarized()
    {
        var draft = Draft([.. Enumerable.Range(0, 25).Select(i => $"Vendor_Typo::r{i:D2}")]);

        var act = () => Service.CreateAsync(draft, ServiceFixture.Admin);

        await act.Should().ThrowAsync<IntegrationValidationException>()
            .WithMessage("The resources 'Vendor_Typo::r00', *, 'Vendor_Typo::r09' and 15 more do not exist.");
    }

    [Fact]
    public async Task All_access_ignores_the_selection_and_needs_no_known_ids()
    {
        var draft = Draft("Vendor_Typo::x");
        draft.ResourceAccess = ResourceAccess.All;

        var created = await Service.CreateAsync(draft, ServiceFixture.Admin);

        created.Resources.Should().BeEmpty();
    }

    [Fact]
    public async Task A_changed_grant_applies_to_the_next_decision_without_reauthorization()
    {
        var created = await Service.CreateAsync(Draft(Products), ServiceFixture.Admin);
        var activated = await Service.ActivateAsync(created.Id);
        var acl = _fixture.Acl.Provider;
        acl.Authorize(activated.Integration, [Orders]).MissingResources.Should().Equal(Orders);

        await Service.UpdateAsync(created.Id, Draft(Orders), ServiceFixture.Admin);
        var reloaded = await _fixture.Store.FindByTokenHashAsync(activated.Integration.Token!.Hash, CancellationToken.None);

        reloaded!.Status.Should().Be(IntegrationStatus.Active);
        acl.Authorize(reloaded, [Orders]).Should().BeSameAs(ResourceAclDecision.Granted);
        acl.Authorize(reloaded, [Products]).MissingResources.Should().Equal(Products);
    }

    [Fact]
    public async Task Ids_that_left_the_tree_after_saving_are_ignored_and_the_rest_still_works()
    {
        var created = await Service.CreateAsync(Draft(Products, Categories), ServiceFixture.Admin);
        var active = (await Service.ActivateAsync(created.Id)).Integration;

        _fixture.Acl.Options.Change(AclSetup.Declare(tree => tree
            .Add("Magento_Catalog::catalog", "Catalog", catalog => catalog.Add("Magento_Catalog::products", "Products"))));

        var acl = _fixture.Acl.Provider;
        acl.Authorize(active, [Products, "Magento_Catalog::catalog"]).IsAllowed.Should().BeTrue();
        acl.Authorize(active, [Categories]).MissingResources.Should().Equal(Categories);
        var updated = await Service.UpdateAsync(created.Id, Draft(Products), ServiceFixture.Admin);
        updated.Resources.Should().Equal(Products);
    }

    private static IntegrationDraft Draft(params string[] resources)
    {
        var draft = ServiceFixture.Draft();
        draft.Resources.Clear();
        foreach (var resource in resources)
        {
            draft.Resources.Add(resource);
        }

        return draft;
    }
}
