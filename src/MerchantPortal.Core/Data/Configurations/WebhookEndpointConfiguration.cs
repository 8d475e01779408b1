using MerchantPortal.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Url).HasMaxLength(WebhookUrlPolicy.MaxUrlLength).IsRequired();
        e.Property(x => x.Description).HasMaxLength(WebhookEndpointService.MaxDescriptionLength);
        e.Property(x => x.EventTypes).HasJsonConversion().HasMaxLength(1000);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.DisabledReason).HasMaxLength(300);
        e.Property(x => x.ProtectedSecret).HasMaxLength(1000).IsRequired();
        e.Property(x => x.ProtectedPreviousSecret).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Enabled);
        e.HasOne<Merchants.Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.MerchantId, x.State });
    }
}
