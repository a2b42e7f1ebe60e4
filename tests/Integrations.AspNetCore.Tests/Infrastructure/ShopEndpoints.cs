using Integrations.Acl;
using Integrations.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Integrations.AspNetCore.Tests.Infrastructure;

/// <summary>A small Magento-like API guarded by resources, and its resource tree.</summary>
public static class ShopEndpoints
{
    public const string Products = "Magento_Catalog::products";
    public const string Categories = "Magento_Catalog::categories";
    public const string Orders = "Magento_Sales::actions_view";

    /// <summary>Catalog (products guest-eligible, categories not) and sales.</summary>
    public static IntegrationsBuilder AddShopResources(this IntegrationsBuilder builder) =>
        builder.AddResources(tree => tree
            .Add("Magento_Catalog::catalog", "Catalog", catalog => catalog
                .Add(Products, "Products", guestEligible: true)
                .Add(Categories, "Categories"))
            .Add("Magento_Sales::sales", "Sales", sales => sales
                .Add(Orders, "View orders")));

    public static void Map(WebApplication app)
    {
        app.MapGet("/rest/V1/products", (HttpContext c) => "products for " + (c.GetIntegration()?.Name ?? "guest"))
            .RequireIntegrationResources(Products);
        app.MapPost("/rest/V1/products", async (HttpContext c) =>
            {
                var form = await c.Request.ReadFormAsync();
                return $"created {form["sku"]} for {c.GetIntegration()!.Name}";
            })
            .RequireIntegrationResources(Products);
        app.MapGet("/rest/V1/orders", (HttpContext c) => "orders for " + c.GetIntegration()!.Name)
            .RequireIntegrationResources(Orders);
        app.MapGet("/rest/V1/catalog", () => "catalog")
            .RequireIntegrationResources(Products, Categories);
    }
}
