using Integrations.Storage.EfCore;
using Microsoft.EntityFrameworkCore;

namespace Integrations.EndToEnd.Tests;

/// <summary>A host's own context as the EF Core stores' README shows it: its own type, with the integrations model applied.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationsConfiguration();
}
