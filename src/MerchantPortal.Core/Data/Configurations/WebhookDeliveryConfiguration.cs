using MerchantPortal.Events;
using MerchantPortal.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> d)
    {
        d.HasKey(x => x.Id);
        d.Property(x => x.EventType).HasMaxLength(50).IsRequired();
        d.Property(x => x.MessageId).HasMaxLength(50).IsRequired();
        d.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        d.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne<IntegrationEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
        // One delivery per event and endpoint, however often the dispatch job runs.
        d.HasIndex(x => new { x.EventId, x.EndpointId }).IsUnique();
        d.HasIndex(x => new { x.EndpointId, x.CreatedAt });
    }
}
