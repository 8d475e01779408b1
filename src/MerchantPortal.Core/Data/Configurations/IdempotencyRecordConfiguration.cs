using MerchantPortal.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.HasKey(r => new { r.MerchantId, r.Key });
        record.Property(r => r.Key).HasMaxLength(IdempotencyErrors.MaxKeyLength);
        record.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        record.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        record.Property(r => r.ResourceType).HasMaxLength(30);
        record.Property(r => r.ResourceId).HasMaxLength(64);
        record.HasIndex(r => new { r.MerchantId, r.CreatedAt });
        record.HasOne<Merchants.Merchant>().WithMany().HasForeignKey(r => r.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}
