namespace Integrations.Samples.Shop.Catalog;

/// <summary>A product of the shop's catalog.</summary>
/// <param name="Sku">The stock keeping unit, unique.</param>
/// <param name="Name">The display name.</param>
/// <param name="Price">The price.</param>
/// <param name="CategoryId">The category it belongs to.</param>
internal sealed record Product(string Sku, string Name, decimal Price, int CategoryId);
