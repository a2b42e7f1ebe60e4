namespace Integrations.Samples.Shop.Catalog;

/// <summary>An order placed through the API.</summary>
/// <param name="Id">The order number.</param>
/// <param name="Sku">The product ordered.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Total">The order total.</param>
/// <param name="PlacedBy">The name of the integration that placed it.</param>
/// <param name="CreatedAt">When it was placed.</param>
internal sealed record Order(int Id, string Sku, int Quantity, decimal Total, string PlacedBy, DateTimeOffset CreatedAt);
