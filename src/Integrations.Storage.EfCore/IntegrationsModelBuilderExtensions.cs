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
    public static ModelBuilder ApplyIntegrationsConfiguration(this ModelBuilder modelBuilder) =>
        modelBuilder.ApplyIntegrationsConfiguration(static _ => { });

    /// <summary>
    /// Applies the integrations entity configurations with the table names chosen in <paramref name="configure"/>
    /// (a prefix, a schema), e.g. <c>modelBuilder.ApplyIntegrationsConfiguration(o => o.TablePrefix = "shop_")</c>
    /// for a database that other applications share. The stores read every name from the model.
    /// </summary>
    /// <param name="modelBuilder">The host context's model builder.</param>
    /// <param name="configure">Sets the naming options.</param>
    /// <returns>The model builder.</returns>
    /// <exception cref="ArgumentException">The prefix or the schema cannot be used (see <see cref="IntegrationsModelOptions"/>).</exception>
    public static ModelBuilder ApplyIntegrationsConfiguration(this ModelBuilder modelBuilder, Action<IntegrationsModelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new IntegrationsModelOptions();
        configure(options);
        options.Validate();
        return modelBuilder
            .ApplyConfiguration(new IntegrationEntityConfiguration(options))
            .ApplyConfiguration(new IntegrationTokenEntityConfiguration(options))
            .ApplyConfiguration(new NonceEntityConfiguration(options));
    }
}
