using Integrations.Acl;

namespace Integrations.Samples.Shop.Catalog;

/// <summary>The ACL resources the shop's API is guarded by (Magento's ids, so Magento clients feel at home).</summary>
internal static class ShopResources
{
    public const string Catalog = "Magento_Catalog::catalog";
    public const string Products = "Magento_Catalog::products";
    public const string Categories = "Magento_Catalog::categories";
    public const string Sales = "Magento_Sales::sales";
    public const string Orders = "Magento_Sales::sales_order";
    public const string ViewOrders = "Magento_Sales::actions_view";
    public const string CreateOrders = "Magento_Sales::create";

    /// <summary>Declares the tree the admin picks from; products and categories are guest-eligible.</summary>
    /// <param name="tree">The library's resource tree builder.</param>
    public static void Declare(ResourceTreeBuilder tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        tree.Add(Catalog, "Catalog", catalog => catalog
            .Add(Products, "Products", guestEligible: true)
            .Add(Categories, "Categories", guestEligible: true));
        tree.Add(Sales, "Sales", sales => sales
            .Add(Orders, "Orders", orders => orders
                .Add(ViewOrders, "View")
                .Add(CreateOrders, "Create")));
    }
}
