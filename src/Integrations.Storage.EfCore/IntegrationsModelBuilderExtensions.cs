using Integrations.Storage.EfCore.Configurations;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore;

/// <summary>Adds the integrations tables to a host's own <see cref="DbContext"/> model.</summary>
public static class IntegrationsModelBuilderExtensions
{
    /// <summary>
    /// Applies the integrations entity configurations (tables <c>integration</c>, <c>integration_token</c> and
    /// <c>integration_nonce</c>, their unique indexes and the concurrency token). Call it from the host context's
    /// <c>OnModelCreating</c>; the host owns the schema (migrations, <c>EnsureCreated</c> or the shipped SQL scripts).
    /// </summary>
    /// <param name="modelBuilder">The host context's model builder.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder ApplyIntegrationsConfiguration(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        return modelBuilder
            .ApplyConfiguration(new IntegrationEntityConfiguration())
            .ApplyConfiguration(new IntegrationTokenEntityConfiguration())
            .ApplyConfiguration(new NonceEntityConfiguration());
    }
}
