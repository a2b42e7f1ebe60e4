using Integrations.Acl;
using Integrations.Core.Tests.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Integrations.Core.Tests.Acl;

/// <summary>The real ACL provider and guest switch over options a test can change.</summary>
internal sealed class AclSetup : IDisposable
{
    public const string Catalog = "Magento_Catalog::catalog";
    public const string Inventory = "Magento_Catalog::catalog_inventory";
    public const string Products = "Magento_Catalog::products";
    public const string Categories = "Magento_Catalog::categories";
    public const string Sales = "Magento_Sales::sales";
    public const string Orders = "Magento_Sales::sales_order";
    public const string Pages = "Magento_Cms::page";

    public AclSetup(Action<ResourceTreeBuilder> declare, bool allowGuests = false)
    {
        Options = new TestOptionsMonitor<ResourceAclOptions>(Declare(declare, allowGuests));
        GuestAccess = new GuestAccessSetting(Options, NullLogger<GuestAccessSetting>.Instance);
        Provider = new ResourceAclProvider(Options, GuestAccess, Metrics.Metrics, NullLogger<ResourceAclProvider>.Instance);
    }

    public TestOptionsMonitor<ResourceAclOptions> Options { get; }

    public RecordedMetrics Metrics { get; } = new();

    public GuestAccessSetting GuestAccess { get; }

    public ResourceAclProvider Provider { get; }

    /// <summary>A small Magento-like tree: catalog → inventory → products/categories, sales → orders.</summary>
    public static void Shop(ResourceTreeBuilder tree) => tree
        .Add(Catalog, "Catalog", catalog => catalog
            .Add(Inventory, "Inventory", inventory => inventory
                .Add(Products, "Products", guestEligible: true)
                .Add(Categories, "Categories", guestEligible: true)))
        .Add(Sales, "Sales", sales => sales
            .Add("Magento_Sales::sales_operation", "Operations", operations => operations
                .Add(Orders, "Orders")))
        .Add(Pages, "Pages");

    public static ResourceAclOptions Declare(Action<ResourceTreeBuilder> declare, bool allowGuests = false)
    {
        var options = new ResourceAclOptions { AllowAnonymousGuestAccess = allowGuests };
        declare(new ResourceTreeBuilder(options.Resources));
        return options;
    }

    public void Dispose()
    {
        Provider.Dispose();
        GuestAccess.Dispose();
        Metrics.Dispose();
    }
}
