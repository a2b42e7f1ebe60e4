using Integrations.Storage.EfCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Configurations;

/// <summary>Maps <see cref="IntegrationTokenEntity"/> to the <c>integration_token</c> table (prefixed as the options say).</summary>
internal sealed class IntegrationTokenEntityConfiguration(IntegrationsModelOptions options) : IEntityTypeConfiguration<IntegrationTokenEntity>
{
    public void Configure(EntityTypeBuilder<IntegrationTokenEntity> builder)
    {
        var table = options.Table(IntegrationsTableNames.Token);
        builder.ToTable(table, options.Schema);
        builder.HasKey(e => e.IntegrationId).HasName($"pk_{table}");
        builder.Property(e => e.IntegrationId).HasColumnName("integration_id").ValueGeneratedNever();
        builder.Property(e => e.Type).HasColumnName("type");
        builder.Property(e => e.Hash).HasColumnName("token_hash").HasMaxLength(64).IsRequired();
        builder.Property(e => e.ProtectedValue).HasColumnName("protected_value").HasMaxLength(512).IsRequired();
        builder.Property(e => e.ProtectedSecret).HasColumnName("protected_secret").HasMaxLength(512).IsRequired();
        builder.Property(e => e.IssuedAt).HasColumnName("issued_at").HasConversion(UtcTicksConverter.Instance);
        builder.HasIndex(e => e.Hash).IsUnique().HasDatabaseName($"ux_{table}_token_hash");
    }
}
