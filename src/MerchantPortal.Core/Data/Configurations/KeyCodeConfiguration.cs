using MerchantPortal.Catalog;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class KeyCodeConfiguration : IEntityTypeConfiguration<KeyCode>
{
    public void Configure(EntityTypeBuilder<KeyCode> code)
    {
        code.HasKey(c => c.Id);
        code.Property(c => c.CodeCipher).HasMaxLength(1000).IsRequired();
        code.Property(c => c.CodeHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        code.Property(c => c.LastFour).HasMaxLength(KeyCodeText.VisibleSuffixLength).IsRequired();
        code.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        code.Ignore(c => c.Masked);
        code.HasOne<CatalogItem>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Restrict);
        code.HasOne<OrderLine>().WithMany().HasForeignKey(c => c.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        code.HasIndex(c => new { c.ItemId, c.CodeHash }).IsUnique();
        // Claiming takes the oldest available codes of an item.
        code.HasIndex(c => new { c.ItemId, c.Status, c.Id });
        code.HasIndex(c => c.OrderLineId);
    }
}
