using MerchantPortal.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.HasKey(k => k.Id);
        key.Property(k => k.Name).HasMaxLength(ApiKeyErrors.MaxNameLength).IsRequired();
        key.Property(k => k.Prefix).HasMaxLength(20).IsRequired();
        key.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        key.HasIndex(k => k.SecretHash).IsUnique();
        key.Property(k => k.Mode).HasConversion<string>().HasMaxLength(10);
        key.Property(k => k.Scopes).HasJsonConversion().HasMaxLength(500);
        key.Property(k => k.AllowedIps).HasJsonConversion().HasMaxLength(1500);
        key.Property(k => k.CreatedBy).HasMaxLength(256).IsRequired();
        key.Property(k => k.RevokedBy).HasMaxLength(256);
        key.Property(k => k.LastUsedIp).HasMaxLength(45);
        key.Property(k => k.Version).IsConcurrencyToken();
        key.HasIndex(k => new { k.MerchantId, k.CreatedAt });
        key.HasOne<Merchants.Merchant>().WithMany().HasForeignKey(k => k.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}
