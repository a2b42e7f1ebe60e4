using Integrations.Samples.Shop.Admin;

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

    /// <summary>The tree the admin picks from.</summary>
    public static IReadOnlyList<ResourceTreeNode> Tree { get; } =
    [
        new(Catalog, "Catalog", [new(Products, "Products", []), new(Categories, "Categories", [])]),
        new(Sales, "Sales", [new(Orders, "Orders", [new(ViewOrders, "View", []), new(CreateOrders, "Create", [])])]),
    ];
}
