using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.HasKey(r => r.Id);
        refund.HasIndex(r => r.Number).IsUnique();
        refund.Property(r => r.Currency).HasMaxLength(3).IsFixedLength().IsUnicode(false).IsRequired();
        refund.Property(r => r.Destination).HasConversion<string>().HasMaxLength(30);
        refund.Property(r => r.Reason).HasConversion<string>().HasMaxLength(30);
        refund.Property(r => r.Origin).HasConversion<string>().HasMaxLength(30);
        refund.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        refund.Property(r => r.Note).HasMaxLength(RefundErrors.MaxNoteLength);
        refund.Property(r => r.RequestedByKind).HasConversion<string>().HasMaxLength(20);
        refund.Property(r => r.RequestedById).HasMaxLength(450).IsRequired();
        refund.Property(r => r.RequestedByName).HasMaxLength(256).IsRequired();
        refund.Property(r => r.DecidedByName).HasMaxLength(256);
        refund.Property(r => r.StripeRefundId).HasMaxLength(255);
        refund.Property(r => r.FailureReason).HasMaxLength(1000);
        refund.Property(r => r.IdempotencyKey).HasMaxLength(255);
        refund.Property(r => r.Version).IsConcurrencyToken();
        refund.Ignore(r => r.Reference);
        refund.Ignore(r => r.ToCard);

        refund.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RefundId).OnDelete(DeleteBehavior.Cascade);
        refund.Navigation(r => r.Lines).HasField("_lines");
        refund.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);

        refund.HasIndex(r => new { r.OrderId, r.Status });
        refund.HasIndex(r => new { r.MerchantId, r.IdempotencyKey }).IsUnique().HasFilter("[IdempotencyKey] IS NOT NULL");
        refund.HasIndex(r => r.StripeRefundId).HasFilter("[StripeRefundId] IS NOT NULL");
        refund.HasIndex(r => r.RetryOfId).IsUnique().HasFilter("[RetryOfId] IS NOT NULL");
        refund.HasIndex(r => r.NextCheckAt).HasFilter("[NextCheckAt] IS NOT NULL");
        refund.HasIndex(r => new { r.Status, r.RequestedAt });
    }
}

internal sealed class RefundLineConfiguration : IEntityTypeConfiguration<RefundLine>
{
    public void Configure(EntityTypeBuilder<RefundLine> line)
    {
        line.HasKey(l => l.Id);
        line.Property(l => l.Name).HasMaxLength(200).IsRequired();
        line.Property(l => l.Slots).HasMaxLength(4000).IsUnicode(false).IsRequired();
        line.HasOne<OrderLine>().WithMany().HasForeignKey(l => l.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        line.HasIndex(l => l.OrderLineId);
    }
}
