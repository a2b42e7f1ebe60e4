using Integrations.Storage.EfCore;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.Benchmarks;

/// <summary>A host context with nothing but the integrations model.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationsConfiguration();
}
