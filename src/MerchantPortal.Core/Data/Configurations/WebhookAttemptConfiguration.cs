using MerchantPortal.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> a)
    {
        a.HasKey(x => x.Id);
        a.Property(x => x.ResponseExcerpt).HasMaxLength(WebhookAttempt.MaxResponseExcerptLength);
        a.Property(x => x.Error).HasMaxLength(WebhookAttempt.MaxErrorLength);
        a.HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        a.HasIndex(x => x.DeliveryId);
    }
}
