namespace Integrations.Handshake.Tests.Support;

/// <summary>The ACL resources the test shop declares (grants are checked against them).</summary>
internal static class ShopResources
{
    public static IntegrationsBuilder AddShopResources(this IntegrationsBuilder builder) =>
        builder.AddResources(resources => resources
            .Add("Magento_Catalog::catalog", "Catalog", catalog => catalog.Add("Magento_Catalog::products", "Products"))
            .Add("Magento_Sales::sales", "Sales")
            .Add("Magento_Customer::customer", "Customers"));
}
