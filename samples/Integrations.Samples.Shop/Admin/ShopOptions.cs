namespace Integrations.Samples.Shop.Admin;

/// <summary>The shop's settings (section <c>Shop</c>).</summary>
internal sealed class ShopOptions
{
    public const string SectionName = "Shop";

    /// <summary>The admin's login name.</summary>
    public string AdminUser { get; set; } = "admin";

    /// <summary>The admin's password; a random one is generated and printed at start when empty.</summary>
    public string? AdminPassword { get; set; }
}
