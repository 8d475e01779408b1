using MerchantPortal.Merchants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> merchant)
    {
        merchant.HasKey(m => m.Id);
        merchant.Property(m => m.Name).HasMaxLength(MerchantErrors.MaxNameLength).IsRequired();
        merchant.HasIndex(m => m.Name).IsUnique();
        merchant.Property(m => m.Currency).HasMaxLength(3).IsFixedLength().IsUnicode(false).IsRequired();
        merchant.Property(m => m.AutoRefund).HasConversion<string>().HasMaxLength(30);
        merchant.Property(m => m.AutoRefundDestination).HasConversion<string>().HasMaxLength(30);
        merchant.Ignore(m => m.RefundSettings);
        merchant.Ignore(m => m.IsActive);
        merchant.Property(m => m.Version).IsConcurrencyToken();
    }
}
