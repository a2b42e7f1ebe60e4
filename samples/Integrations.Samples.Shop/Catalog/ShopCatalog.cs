using System.Collections.Concurrent;

namespace Integrations.Samples.Shop.Catalog;

/// <summary>The shop's data: a fixed catalog and the orders placed since start (in memory).</summary>
internal sealed class ShopCatalog(TimeProvider time)
{
    private readonly ConcurrentDictionary<int, Order> orders = new();
    private int lastOrderId = 100000;

    public IReadOnlyList<Category> Categories { get; } = [new(3, "Gear"), new(4, "Bags"), new(5, "Fitness Equipment")];

    public IReadOnlyList<Product> Products { get; } =
    [
        new("24-MB01", "Joust Duffle Bag", 34.00m, 4),
        new("24-MB04", "Strive Shoulder Pack", 32.00m, 4),
        new("24-UG06", "Affirm Water Bottle", 7.00m, 5),
        new("24-UG01", "Quest Lumaflex Band", 19.00m, 5),
        new("24-WG02", "Didi Sport Watch", 92.00m, 3),
    ];

    public IReadOnlyList<Order> Orders => [.. orders.Values.OrderBy(order => order.Id)];

    public Order? FindOrder(int id) => orders.GetValueOrDefault(id);

    public Product? FindProduct(string sku) => Products.FirstOrDefault(product => string.Equals(product.Sku, sku, StringComparison.OrdinalIgnoreCase));

    public Order Place(Product product, int quantity, string placedBy)
    {
        var order = new Order(Interlocked.Increment(ref lastOrderId), product.Sku, quantity, product.Price * quantity, placedBy, time.GetUtcNow());
        orders[order.Id] = order;
        return order;
    }
}
