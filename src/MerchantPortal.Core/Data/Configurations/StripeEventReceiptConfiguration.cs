using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class StripeEventReceiptConfiguration : IEntityTypeConfiguration<StripeEventReceipt>
{
    public void Configure(EntityTypeBuilder<StripeEventReceipt> receipt)
    {
        receipt.HasKey(r => r.EventId);
        receipt.Property(r => r.EventId).HasMaxLength(255);
        receipt.Property(r => r.Type).HasMaxLength(100).IsRequired();
        receipt.HasIndex(r => r.ReceivedAt);
    }
}
