using Integrations.Acl;

namespace Integrations.Core.Tests.Acl;

public sealed class ResourceTreeTests
{
    [Fact]
    public void Declarations_become_a_tree_in_declaration_order()
    {
        var tree = ResourceTree.Create(AclSetup.Shop);

        tree.Roots.Select(r => r.Id).Should().Equal("Magento_Catalog::catalog", "Magento_Sales::sales", "Magento_Cms::page");
        tree.Count.Should().Be(8);
        tree.Resources.Select(r => r.Id).Should().Equal(
            "Magento_Catalog::catalog", "Magento_Catalog::catalog_inventory", "Magento_Catalog::products", "Magento_Catalog::categories",
            "Magento_Sales::sales", "Magento_Sales::sales_operation", "Magento_Sales::sales_order", "Magento_Cms::page");
        var products = tree.Find("Magento_Catalog::products")!;
        products.Title.Should().Be("Products");
        products.IsGuestEligible.Should().BeTrue();
        products.Depth.Should().Be(2);
        products.Parent!.Id.Should().Be("Magento_Catalog::catalog_inventory");
        products.Parent.Children.Select(c => c.Id).Should().Equal("Magento_Catalog::products", "Magento_Catalog::categories");
        tree.Find("Magento_Sales::sales")!.IsGuestEligible.Should().BeFalse();
        tree.Contains("Magento_Catalog::missing").Should().BeFalse();
    }

    [Fact]
    public void Declarations_of_one_id_describe_one_resource()
    {
        var tree = ResourceTree.Create(t => t
            .Add("Magento_Catalog::catalog", "Catalog", c => c.Add("Magento_Catalog::products", "Products"))
            .Add("Magento_Catalog::catalog", "Catalogue", c => c
                .Add("Magento_Catalog::products", string.Empty, guestEligible: true)
                .Add("Vendor_Feeds::export", "Feed export"))
            .Add("Vendor_Plain::thing", " "));

        tree.Count.Should().Be(4);
        var catalog = tree.Find("Magento_Catalog::catalog")!;
        catalog.Title.Should().Be("Catalogue");
        catalog.Children.Select(c => c.Id).Should().Equal("Magento_Catalog::products", "Vendor_Feeds::export");
        tree.Find("Magento_Catalog::products")!.Title.Should().Be("Products");
        tree.Find("Magento_Catalog::products")!.IsGuestEligible.Should().BeTrue();
        tree.Find("Vendor_Plain::thing")!.Title.Should().Be("Vendor_Plain::thing");
    }

    [Fact]
    public void Invalid_declarations_are_refused_with_every_problem_named()
    {
        var act = () => ResourceTree.Create(t => t
            .Add(string.Empty, "Empty")
            .Add("Magento Catalog::x", "White space")
            .Add("Vendor_A::a,b", "Comma")
            .Add(new string('x', 256), "Too long")
            .Add("Magento_Catalog::catalog", "Catalog", c => c.Add("Magento_Sales::sales", "Sales"))
            .Add("Magento_Sales::sales", "Sales again"));

        act.Should().Throw<ArgumentException>()
            .WithMessage("The resource id '' declared at the top level is invalid*")
            .WithMessage("*The resource id 'Magento Catalog::x' declared at the top level is invalid*")
            .WithMessage("*'Vendor_A::a,b'*")
            .WithMessage("*'xxxxxxxx*")
            .WithMessage("*The resource 'Magento_Sales::sales' is declared both under 'Magento_Catalog::catalog' and at the top level: a resource has one parent.*");
    }

    [Fact]
    public void A_resource_cannot_contain_itself_or_nest_without_end()
    {
        var cycle = () => ResourceTree.Create(t => t.Add("A_a::a", "A", a => a.Add("B_b::b", "B", b => b.Add("A_a::a", "A"))));
        var deep = () => ResourceTree.Create(t => Nest(t, 0));

        cycle.Should().Throw<ArgumentException>().WithMessage("*'A_a::a' is declared both at the top level and under 'B_b::b'*");
        deep.Should().Throw<ArgumentException>().WithMessage("The resource 'Vendor_Deep::n32' is nested deeper than 32 levels.*");

        static void Nest(ResourceTreeBuilder level, int depth) =>
            level.Add($"Vendor_Deep::n{depth}", "Deep", depth < 40 ? next => Nest(next, depth + 1) : null);
    }

    [Fact]
    public void A_grant_reaches_its_known_ids_and_their_ancestors()
    {
        var tree = ResourceTree.Create(AclSetup.Shop);

        tree.WithAncestors(["Magento_Catalog::products", "Magento_Catalog::categories", "Vendor_Gone::x", "Magento_Cms::page"])
            .Should().Equal("Magento_Catalog::catalog", "Magento_Catalog::catalog_inventory", "Magento_Catalog::categories", "Magento_Catalog::products", "Magento_Cms::page");
        tree.FindUnknown(["Vendor_Gone::x", "Magento_Cms::page", "Vendor_Gone::x", "Vendor_Other::y"]).Should().Equal("Vendor_Gone::x", "Vendor_Other::y");
    }

    [Fact]
    public void The_empty_tree_has_no_resources()
    {
        ResourceTree.Empty.Count.Should().Be(0);
        ResourceTree.Empty.Roots.Should().BeEmpty();
        ResourceTree.Empty.FindUnknown(["Magento_Catalog::products"]).Should().Equal("Magento_Catalog::products");
    }
}
