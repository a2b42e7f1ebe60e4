using Microsoft.EntityFrameworkCore;

namespace Integrations.Client.EntityFrameworkCore;

/// <summary>Maps the connection table into the app's own <see cref="DbContext"/>.</summary>
public static class IntegrationConnectionsModelBuilderExtensions
{
    /// <summary>The default table name.</summary>
    public const string DefaultTableName = "integration_connections";

    /// <summary>Maps <see cref="IntegrationConnectionEntity"/>; call it from the context's <c>OnModelCreating</c>.</summary>
    /// <param name="modelBuilder">The context's model builder.</param>
    /// <param name="tableName">The table name.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder ApplyIntegrationConnectionsConfiguration(this ModelBuilder modelBuilder, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        modelBuilder.Entity<IntegrationConnectionEntity>(entity =>
        {
            entity.ToTable(tableName);
            entity.HasKey(e => e.ConsumerKey);
            entity.Property(e => e.ConsumerKey).HasColumnName("consumer_key").HasMaxLength(128);
            entity.Property(e => e.StoreBaseUrl).HasColumnName("store_base_url").HasMaxLength(2048).IsRequired();
            entity.Property(e => e.ProtectedConsumerSecret).HasColumnName("consumer_secret").HasMaxLength(512).IsRequired();

            // unbounded: the exchange accepts a token and secret of any length within its answer, and the shop has spent
            // its verifier by the time they are saved
            entity.Property(e => e.ProtectedAccessToken).HasColumnName("access_token").IsRequired();
            entity.Property(e => e.ProtectedAccessTokenSecret).HasColumnName("access_token_secret").IsRequired();
            entity.Property(e => e.ConnectedAtUtcTicks).HasColumnName("connected_at_ticks");
            entity.Property(e => e.AuthorizedAtUtcTicks).HasColumnName("authorized_at_ticks");
        });
        return modelBuilder;
    }
}
