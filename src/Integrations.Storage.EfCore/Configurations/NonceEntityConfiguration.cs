using Integrations.Storage.EfCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Configurations;

/// <summary>
/// Maps <see cref="NonceEntity"/> to the <c>integration_nonce</c> table (prefixed as the options say): the primary key (consumer key, nonce) is
/// the unique index every try-add probes, so its cost does not grow with the table; the index on the expiry serves
/// the background cleanup.
/// </summary>
internal sealed class NonceEntityConfiguration(IntegrationsModelOptions options) : IEntityTypeConfiguration<NonceEntity>
{
    public void Configure(EntityTypeBuilder<NonceEntity> builder)
    {
        var table = options.Table(IntegrationsTableNames.Nonce);
        builder.ToTable(table, options.Schema);
        builder.HasKey(e => new { e.ConsumerKey, e.Nonce }).HasName($"pk_{table}");
        builder.Property(e => e.ConsumerKey).HasColumnName("consumer_key").HasMaxLength(NonceEntity.MaxConsumerKeyLength);
        builder.Property(e => e.Nonce).HasColumnName("nonce").HasMaxLength(NonceEntity.MaxNonceLength);
        builder.Property(e => e.ExpiresAt).HasColumnName("expires_at").HasConversion(UtcTicksConverter.Instance);
        builder.HasIndex(e => e.ExpiresAt).HasDatabaseName($"ix_{table}_expires_at");
    }
}
