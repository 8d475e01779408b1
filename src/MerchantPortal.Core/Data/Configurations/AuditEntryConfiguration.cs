using MerchantPortal.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasKey(e => e.Id);
        entry.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.ActorId).HasMaxLength(450).IsRequired();
        entry.Property(e => e.ActorName).HasMaxLength(256).IsRequired();
        entry.Property(e => e.Action).HasMaxLength(100).IsRequired();
        entry.Property(e => e.TargetType).HasMaxLength(100).IsRequired();
        entry.Property(e => e.TargetId).HasMaxLength(450).IsRequired();
        entry.Property(e => e.Details).HasMaxLength(4000).IsRequired();
        entry.Property(e => e.Changes).HasJsonConversion();
        entry.HasIndex(e => e.OccurredAt);
        entry.HasIndex(e => new { e.MerchantId, e.OccurredAt });
    }
}
