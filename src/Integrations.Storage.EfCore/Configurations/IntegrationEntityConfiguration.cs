using Integrations.Storage.EfCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Configurations;

/// <summary>
/// Maps <see cref="IntegrationEntity"/> to the <c>integration</c> table (prefixed as the options say; the key, index
/// and foreign key names are built from the table names).
/// </summary>
internal sealed class IntegrationEntityConfiguration(IntegrationsModelOptions options) : IEntityTypeConfiguration<IntegrationEntity>
{
    public void Configure(EntityTypeBuilder<IntegrationEntity> builder)
    {
        var table = options.Table(IntegrationsTableNames.Integration);
        builder.ToTable(table, options.Schema);
        builder.HasKey(e => e.Id).HasName($"pk_{table}");
        builder.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(e => e.Name).HasColumnName("name").HasMaxLength(255).IsRequired();
        builder.Property(e => e.NormalizedName).HasColumnName("normalized_name").HasMaxLength(255).IsRequired();
        builder.Property(e => e.Email).HasColumnName("email").HasMaxLength(255);
        builder.Property(e => e.CallbackUrl).HasColumnName("callback_url").HasMaxLength(2048);
        builder.Property(e => e.IdentityLinkUrl).HasColumnName("identity_link_url").HasMaxLength(2048);
        builder.Property(e => e.ResourceAccess).HasColumnName("resource_access");
        builder.Property(e => e.Resources).HasColumnName("resources").IsRequired();
        builder.Property(e => e.Status).HasColumnName("status");
        builder.Property(e => e.SetupType).HasColumnName("setup_type");
        builder.Property(e => e.BearerTokenAllowed).HasColumnName("bearer_token_allowed");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at").HasConversion(UtcTicksConverter.Instance);
        builder.Property(e => e.UpdatedAt).HasColumnName("updated_at").HasConversion(UtcTicksConverter.Instance);
        builder.Property(e => e.ConcurrencyToken).HasColumnName("concurrency_token").HasMaxLength(64).IsRequired().IsConcurrencyToken();
        builder.Property(e => e.ConsumerKey).HasColumnName("consumer_key").HasMaxLength(32).IsRequired();
        builder.Property(e => e.ProtectedConsumerSecret).HasColumnName("protected_consumer_secret").HasMaxLength(512).IsRequired();
        builder.Property(e => e.ExchangeStartedAt).HasColumnName("exchange_started_at").HasConversion(UtcTicksConverter.Instance);
        builder.Property(e => e.VerifierHash).HasColumnName("verifier_hash").HasMaxLength(64);
        builder.Property(e => e.ExchangedRequestTokenHash).HasColumnName("exchanged_request_token_hash").HasMaxLength(64);

        builder.HasIndex(e => e.NormalizedName).IsUnique().HasDatabaseName($"ux_{table}_normalized_name");
        builder.HasIndex(e => e.ConsumerKey).IsUnique().HasDatabaseName($"ux_{table}_consumer_key");

        builder.HasOne(e => e.Token)
            .WithOne()
            .HasForeignKey<IntegrationTokenEntity>(t => t.IntegrationId)
            .HasConstraintName($"fk_{options.Table(IntegrationsTableNames.Token)}_integration")
            .OnDelete(DeleteBehavior.Cascade);
    }
}
