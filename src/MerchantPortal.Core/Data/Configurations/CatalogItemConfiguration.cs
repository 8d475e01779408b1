using MerchantPortal.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class CatalogItemConfiguration : IEntityTypeConfiguration<CatalogItem>
{
    public void Configure(EntityTypeBuilder<CatalogItem> item)
    {
        item.HasKey(i => i.Id);
        item.Property(i => i.Sku).HasMaxLength(CatalogItemRules.MaxSkuLength).IsRequired();
        item.HasIndex(i => i.Sku).IsUnique();
        item.Property(i => i.Name).HasMaxLength(CatalogItemRules.MaxNameLength).IsRequired();
        item.Property(i => i.Description).HasMaxLength(CatalogItemRules.MaxDescriptionLength).IsRequired();
        item.Property(i => i.Type).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.Currency).HasMaxLength(3).IsFixedLength().IsUnicode(false).IsRequired();
        item.Property(i => i.Behaviour).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.Fields).HasJsonConversion();
        item.Property(i => i.Version).IsConcurrencyToken();
        item.HasIndex(i => new { i.IsActive, i.Type });
    }
}
