namespace Integrations.Samples.Shop.Catalog;

/// <summary>The shop's fixed catalog; the orders are in the database (<see cref="ShopOrders"/>).</summary>
internal sealed class ShopCatalog
{
    public IReadOnlyList<Category> Categories { get; } = [new(3, "Gear"), new(4, "Bags"), new(5, "Fitness Equipment")];

    public IReadOnlyList<Product> Products { get; } =
    [
        new("24-MB01", "Joust Duffle Bag", 34.00m, 4),
        new("24-MB04", "Strive Shoulder Pack", 32.00m, 4),
        new("24-UG06", "Affirm Water Bottle", 7.00m, 5),
        new("24-UG01", "Quest Lumaflex Band", 19.00m, 5),
        new("24-WG02", "Didi Sport Watch", 92.00m, 3),
    ];

    public Product? FindProduct(string sku) => Products.FirstOrDefault(product => string.Equals(product.Sku, sku, StringComparison.OrdinalIgnoreCase));
}
