namespace Integrations.Samples.Shop.Catalog;

/// <summary>An order placed through the API, stored in the shop's database (table <c>shop_order</c>).</summary>
internal sealed class Order
{
    /// <summary>The order number, issued by the database when the order is saved.</summary>
    public int Id { get; init; }

    /// <summary>The product ordered.</summary>
    public required string Sku { get; init; }

    /// <summary>How many.</summary>
    public required int Quantity { get; init; }

    /// <summary>The order total.</summary>
    public required decimal Total { get; init; }

    /// <summary>The name of the integration that placed it.</summary>
    public required string PlacedBy { get; init; }

    /// <summary>When it was placed.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
