using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.Currency).HasMaxLength(3).IsFixedLength().IsUnicode(false).IsRequired();
        entry.Property(e => e.IdempotencyKey).HasMaxLength(300).IsRequired();
        entry.Property(e => e.Description).HasMaxLength(LedgerEntry.MaxDescriptionLength).IsRequired();
        entry.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.ActorId).HasMaxLength(450).IsRequired();
        entry.Property(e => e.ActorName).HasMaxLength(256).IsRequired();
        entry.HasOne<Merchant>().WithMany().HasForeignKey(e => e.MerchantId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => new { e.MerchantId, e.IdempotencyKey }).IsUnique();
        entry.HasIndex(e => new { e.MerchantId, e.Id });
        entry.HasIndex(e => e.OrderId);
    }
}

internal sealed class MerchantBalanceConfiguration : IEntityTypeConfiguration<MerchantBalance>
{
    public void Configure(EntityTypeBuilder<MerchantBalance> balance)
    {
        balance.HasKey(b => b.MerchantId);
        balance.Property(b => b.Currency).HasMaxLength(3).IsFixedLength().IsUnicode(false).IsRequired();
        balance.HasOne<Merchant>().WithOne().HasForeignKey<MerchantBalance>(b => b.MerchantId).OnDelete(DeleteBehavior.Restrict);
        balance.ToTable(t => t.HasCheckConstraint("CK_MerchantBalances_NotNegative", "[AvailableMinor] >= 0"));
    }
}
