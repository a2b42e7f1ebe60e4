using Integrations.Storage.EfCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Configurations;

/// <summary>
/// Maps <see cref="NonceEntity"/> to the <c>integration_nonce</c> table (prefixed as the options say): the primary key
/// (integration id, nonce key) is the unique index every try-add probes, so its cost does not grow with the table, and
/// the one that removes an integration's nonces when it is deleted; the index on the expiry serves the background
/// cleanup. No foreign key: its check would cost every insert a lookup.
/// </summary>
internal sealed class NonceEntityConfiguration(IntegrationsModelOptions options) : IEntityTypeConfiguration<NonceEntity>
{
    public void Configure(EntityTypeBuilder<NonceEntity> builder)
    {
        var table = options.Table(IntegrationsTableNames.Nonce);
        builder.ToTable(table, options.Schema);
        builder.HasKey(e => new { e.IntegrationId, e.NonceKey }).HasName($"pk_{table}");
        builder.Property(e => e.IntegrationId).HasColumnName("integration_id").ValueGeneratedNever();
        builder.Property(e => e.NonceKey).HasColumnName("nonce_key").ValueGeneratedNever();
        builder.Property(e => e.ExpiresAt).HasColumnName("expires_at").HasConversion(UtcTicksConverter.Instance);
        builder.HasIndex(e => e.ExpiresAt).HasDatabaseName($"ix_{table}_expires_at");
    }
}
