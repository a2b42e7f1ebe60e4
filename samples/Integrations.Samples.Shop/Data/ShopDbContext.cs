using Integrations.Storage.EfCore;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Samples.Shop.Data;

/// <summary>The shop's database: the integrations tables the library adds to it (a real shop has its own entities beside them).</summary>
internal sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationsConfiguration();
}
