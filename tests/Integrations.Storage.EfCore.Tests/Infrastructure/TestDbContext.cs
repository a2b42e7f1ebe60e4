using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>A host context as a host would write it: its own type, with the integrations model applied.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationsConfiguration();
}
