using MerchantPortal.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class ApiKeyUsageConfiguration : IEntityTypeConfiguration<ApiKeyUsage>
{
    public void Configure(EntityTypeBuilder<ApiKeyUsage> usage)
    {
        usage.ToTable("ApiKeyUsage");
        usage.HasKey(u => new { u.KeyId, u.HourStart });
        usage.HasOne<ApiKey>().WithMany().HasForeignKey(u => u.KeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
