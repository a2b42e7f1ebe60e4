using Integrations.Acl;
using Integrations.Model;
using Integrations.Storage.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.Acl;

/// <summary>The ACL as a host wires it: <c>AddIntegrations()</c>, resources in code and in a reloadable configuration.</summary>
public sealed class AclRegistrationTests
{
    private const string Section = "Integrations:Acl";

    [Fact]
    public void AddIntegrations_registers_one_provider_and_one_guest_switch()
    {
        using var services = Build(new ConfigurationBuilder().Build(), builder => builder.AddResources(AclSetup.Shop).AddResources(AclSetup.Shop));

        var provider = services.GetRequiredService<IResourceAclProvider>();

        provider.Should().BeOfType<ResourceAclProvider>().And.BeSameAs(services.GetRequiredService<IResourceAclProvider>());
        services.GetRequiredService<IGuestAccessSetting>().Should().BeSameAs(services.GetRequiredService<GuestAccessSetting>());
        provider.Tree.Count.Should().Be(8, "declaring the same resources twice describes the same resources");
    }

    [Fact]
    public void Configuration_and_code_declarations_merge_into_one_tree()
    {
        var configuration = Configuration(new()
        {
            [$"{Section}:AllowAnonymousGuestAccess"] = "true",
            [$"{Section}:Resources:0:Id"] = "Magento_Catalog::catalog",
            [$"{Section}:Resources:0:Title"] = "Catalog",
            [$"{Section}:Resources:0:Children:0:Id"] = "Magento_Catalog::products",
            [$"{Section}:Resources:0:Children:0:Title"] = "Products",
            [$"{Section}:Resources:0:Children:0:GuestEligible"] = "true",
            [$"{Section}:Resources:1:Id"] = "Magento_Sales::sales",
        });

        using var services = Build(configuration, builder => builder.AddResources(tree => tree
            .Add("Magento_Catalog::catalog", "Catalog", catalog => catalog.Add("Vendor_Feeds::export", "Feed export"))));
        var acl = services.GetRequiredService<IResourceAclProvider>();

        acl.Tree.Resources.Select(r => r.Id).Should().Equal("Magento_Catalog::catalog", "Magento_Catalog::products", "Vendor_Feeds::export", "Magento_Sales::sales");
        acl.Tree.Find("Magento_Sales::sales")!.Title.Should().Be("Magento_Sales::sales");
        acl.Authorize(null, ["Magento_Catalog::products"]).Should().BeSameAs(ResourceAclDecision.GuestAccess);
        acl.Authorize(null, ["Vendor_Feeds::export"]).IsAllowed.Should().BeFalse();
    }

    [Fact]
    public void A_reloaded_configuration_replaces_the_tree_for_the_next_decision()
    {
        var configuration = Configuration(new() { [$"{Section}:Resources:0:Id"] = "Magento_Catalog::products" });
        using var services = Build(configuration);
        var acl = services.GetRequiredService<IResourceAclProvider>();
        var integration = Integrations.Active(ResourceAccess.All);
        acl.Authorize(integration, ["Magento_Sales::sales"]).IsAllowed.Should().BeFalse();

        configuration[$"{Section}:Resources:1:Id"] = "Magento_Sales::sales";
        configuration.Reload();

        acl.Tree.Count.Should().Be(2);
        acl.Authorize(integration, ["Magento_Sales::sales"]).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void A_reloaded_configuration_that_is_invalid_leaves_the_tree_in_force()
    {
        var configuration = Configuration(new() { [$"{Section}:Resources:0:Id"] = "Magento_Catalog::products" });
        using var services = Build(configuration);
        var acl = services.GetRequiredService<IResourceAclProvider>();

        configuration[$"{Section}:Resources:1:Id"] = "not valid";
        var reload = () => configuration.Reload();

        reload.Should().Throw<OptionsValidationException>().WithMessage("*'not valid'*");
        acl.Tree.Resources.Select(r => r.Id).Should().Equal("Magento_Catalog::products");
        acl.Authorize(Integrations.Active(ResourceAccess.All), ["Magento_Catalog::products"]).IsAllowed.Should().BeTrue();

        configuration[$"{Section}:Resources:1:Id"] = "Magento_Sales::sales";
        configuration.Reload();

        acl.Tree.Resources.Select(r => r.Id).Should().Equal("Magento_Catalog::products", "Magento_Sales::sales");
    }

    [Fact]
    public void An_invalid_tree_fails_at_start()
    {
        using var services = Build(new ConfigurationBuilder().Build(), builder => builder.AddResources(tree => tree
            .Add("Magento_Catalog::catalog", "Catalog", catalog => catalog.Add("Magento_Sales::sales", "Sales"))
            .Add("Magento_Sales::sales", "Sales")));

        var options = () => services.GetRequiredService<IOptions<ResourceAclOptions>>().Value;
        var provider = () => services.GetRequiredService<IResourceAclProvider>();

        options.Should().Throw<OptionsValidationException>().WithMessage("*'Magento_Sales::sales' is declared both under 'Magento_Catalog::catalog' and at the top level*");
        provider.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void A_flag_that_is_not_a_boolean_is_refused_with_its_path()
    {
        var configuration = Configuration(new() { [$"{Section}:Resources:0:Id"] = "Magento_Catalog::products", [$"{Section}:Resources:0:GuestEligible"] = "yes" });
        using var services = Build(configuration);

        var act = () => services.GetRequiredService<IResourceAclProvider>();

        act.Should().Throw<InvalidOperationException>().WithMessage("The configuration value 'Integrations:Acl:Resources:0:GuestEligible' is 'yes'; expected true or false.");
    }

    [Fact]
    public void A_host_can_supply_its_own_guest_access_setting()
    {
        using var services = Build(new ConfigurationBuilder().Build(), builder => builder.AddResources(AclSetup.Shop).UseGuestAccessSetting<AlwaysOn>());

        services.GetRequiredService<IResourceAclProvider>().Authorize(null, ["Magento_Catalog::products"]).IsAllowed.Should().BeTrue();
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Build(IConfigurationRoot configuration, Action<IntegrationsBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddIntegrations().UseInMemoryStores().ConfigureAcl(configuration.GetSection(Section));
        configure?.Invoke(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private sealed class AlwaysOn : IGuestAccessSetting
    {
        public bool IsEnabled => true;
    }
}
