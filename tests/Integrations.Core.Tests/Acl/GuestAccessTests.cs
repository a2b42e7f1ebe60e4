using Integrations.Acl;
using Integrations.Model;
using static Integrations.Core.Tests.Acl.AclSetup;

namespace Integrations.Core.Tests.Acl;

public sealed class GuestAccessTests : IDisposable
{
    private readonly AclSetup _acl = new(AclSetup.Shop);

    public void Dispose() => _acl.Dispose();

    [Fact]
    public void Guest_access_is_off_by_default_so_anonymous_calls_need_an_integration()
    {
        new ResourceAclOptions().AllowAnonymousGuestAccess.Should().BeFalse();
        _acl.GuestAccess.IsEnabled.Should().BeFalse();

        var decision = Anonymous(Products, Categories);

        decision.IsAllowed.Should().BeFalse();
        decision.Outcome.Should().Be(ResourceAclOutcome.GuestAccessDisabled);
        decision.Message.Should().Be("The consumer isn't authorized to access Magento_Catalog::products, Magento_Catalog::categories.");
        _acl.Provider.Authorize(Integrations.Active(ResourceAccess.Custom, Products), [Products]).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void When_on_anonymous_calls_reach_guest_eligible_resources_and_nothing_else()
    {
        using var acl = new AclSetup(AclSetup.Shop, allowGuests: true);

        acl.Provider.Authorize(null, [Products, Categories]).Should().BeSameAs(ResourceAclDecision.GuestAccess);
        var mixed = acl.Provider.Authorize(null, [Products, Orders]);
        mixed.Outcome.Should().Be(ResourceAclOutcome.ResourcesNotGuestEligible);
        mixed.MissingResources.Should().Equal(Orders);
        acl.Provider.Authorize(null, [Catalog]).MissingResources.Should().Equal(Catalog);
    }

    [Fact]
    public void Eligibility_is_not_inherited_by_children()
    {
        using var acl = new AclSetup(tree => tree.Add("Magento_Cms::page", "Pages", pages => pages.Add("Magento_Cms::page_delete", "Delete"), guestEligible: true), allowGuests: true);

        acl.Provider.Authorize(null, ["Magento_Cms::page"]).IsAllowed.Should().BeTrue();
        acl.Provider.Authorize(null, ["Magento_Cms::page_delete"]).IsAllowed.Should().BeFalse();
    }

    [Fact]
    public void Switching_at_runtime_applies_to_the_next_decision()
    {
        Anonymous(Products).IsAllowed.Should().BeFalse();

        _acl.GuestAccess.IsEnabled = true;
        Anonymous(Products).IsAllowed.Should().BeTrue();

        _acl.GuestAccess.IsEnabled = false;
        Anonymous(Products).Outcome.Should().Be(ResourceAclOutcome.GuestAccessDisabled);
    }

    [Fact]
    public void A_changed_configured_value_switches_but_an_unrelated_reload_keeps_the_runtime_choice()
    {
        _acl.GuestAccess.IsEnabled = true;

        _acl.Options.Change(AclSetup.Declare(AclSetup.Shop, allowGuests: false));
        Anonymous(Products).IsAllowed.Should().BeTrue();

        _acl.Options.Change(AclSetup.Declare(AclSetup.Shop, allowGuests: true));
        _acl.Options.Change(AclSetup.Declare(AclSetup.Shop, allowGuests: false));
        Anonymous(Products).IsAllowed.Should().BeFalse();
    }

    [Fact]
    public void An_active_integration_reaches_guest_resources_while_guest_access_is_on_but_an_inactive_one_never()
    {
        var ungranted = Integrations.Active(ResourceAccess.Custom, Orders);
        var inactive = Integrations.With(IntegrationStatus.Inactive, ResourceAccess.All);
        _acl.Provider.Authorize(ungranted, [Products]).MissingResources.Should().Equal(Products);

        _acl.GuestAccess.IsEnabled = true;

        _acl.Provider.Authorize(ungranted, [Products, Orders]).Should().BeSameAs(ResourceAclDecision.Granted);
        _acl.Provider.Authorize(inactive, [Products]).Outcome.Should().Be(ResourceAclOutcome.IntegrationNotActive);
    }

    private ResourceAclDecision Anonymous(params string[] resources) => _acl.Provider.Authorize(null, resources);
}
