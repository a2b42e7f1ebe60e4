namespace Integrations.Samples.Shop.Catalog;

/// <summary>A category of the shop's catalog.</summary>
/// <param name="Id">The identifier.</param>
/// <param name="Name">The display name.</param>
internal sealed record Category(int Id, string Name);
