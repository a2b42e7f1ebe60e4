using Integrations.Storage.EfCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Configurations;

/// <summary>Maps <see cref="IntegrationTokenEntity"/> to the <c>integration_token</c> table.</summary>
internal sealed class IntegrationTokenEntityConfiguration : IEntityTypeConfiguration<IntegrationTokenEntity>
{
    public void Configure(EntityTypeBuilder<IntegrationTokenEntity> builder)
    {
        builder.ToTable(IntegrationsTableNames.Token);
        builder.HasKey(e => e.IntegrationId).HasName("pk_integration_token");
        builder.Property(e => e.IntegrationId).HasColumnName("integration_id").ValueGeneratedNever();
        builder.Property(e => e.Type).HasColumnName("type");
        builder.Property(e => e.Hash).HasColumnName("token_hash").HasMaxLength(64).IsRequired();
        builder.Property(e => e.ProtectedValue).HasColumnName("protected_value").HasMaxLength(512).IsRequired();
        builder.Property(e => e.ProtectedSecret).HasColumnName("protected_secret").HasMaxLength(512).IsRequired();
        builder.Property(e => e.IssuedAt).HasColumnName("issued_at").HasConversion(UtcTicksConverter.Instance);
        builder.HasIndex(e => e.Hash).IsUnique().HasDatabaseName("ux_integration_token_token_hash");
    }
}
