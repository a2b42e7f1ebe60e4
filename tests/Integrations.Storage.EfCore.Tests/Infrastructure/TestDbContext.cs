using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// A host context as a host would write it: its own type, with the integrations model applied (with the default
/// names, or with the <see cref="TestTableNaming"/> its options carry).
/// </summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    /// <summary>The table prefix and schema of this context's model, or <see langword="null"/> for the default names.</summary>
    public TestTableNaming? Naming { get; } = options.FindExtension<TestTableNaming>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Naming is not { } naming)
        {
            modelBuilder.ApplyIntegrationsConfiguration();
            return;
        }

        modelBuilder.ApplyIntegrationsConfiguration(o =>
        {
            o.TablePrefix = naming.TablePrefix;
            o.Schema = naming.Schema;
        });
    }
}
