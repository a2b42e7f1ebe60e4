namespace Integrations.Samples.Shop.Catalog;

/// <summary>The body of <c>POST /rest/V1/orders</c>.</summary>
/// <param name="Sku">The product to order.</param>
/// <param name="Quantity">How many (1 to 100).</param>
internal sealed record OrderRequest(string? Sku, int Quantity);
