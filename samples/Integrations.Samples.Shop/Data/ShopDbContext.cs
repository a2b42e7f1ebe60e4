using Integrations.Samples.Shop.Catalog;
using Integrations.Storage.EfCore;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Shop.Data;

/// <summary>The shop's database: its orders, and the integrations tables the library adds to it.</summary>
internal sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyIntegrationsConfiguration();
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("shop_order");
            order.HasKey(o => o.Id).HasName("pk_shop_order");

            // issued by the database: an identity column on PostgreSQL, INTEGER PRIMARY KEY AUTOINCREMENT on SQLite
            order.Property(o => o.Id).HasColumnName("id").ValueGeneratedOnAdd();
            order.Property(o => o.Sku).HasColumnName("sku").HasMaxLength(64);
            order.Property(o => o.Quantity).HasColumnName("quantity");
            order.Property(o => o.Total).HasColumnName("total").HasPrecision(12, 2);
            order.Property(o => o.PlacedBy).HasColumnName("placed_by").HasMaxLength(255);
            order.Property(o => o.CreatedAt).HasColumnName("created_at");
        });
    }
}
