using Integrations.Storage.EfCore;
using Microsoft.EntityFrameworkCore;

namespace Integrations.LoadTest;

/// <summary>The host's own context, carrying the integrations tables.</summary>
internal sealed class LoadTestDbContext(DbContextOptions<LoadTestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationsConfiguration();
}
