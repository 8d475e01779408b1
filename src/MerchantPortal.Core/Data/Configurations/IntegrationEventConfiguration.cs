using MerchantPortal.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class IntegrationEventConfiguration : IEntityTypeConfiguration<IntegrationEvent>
{
    public void Configure(EntityTypeBuilder<IntegrationEvent> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Type).HasMaxLength(50).IsRequired();
        e.Property(x => x.Payload).IsRequired();
        e.HasIndex(x => new { x.MerchantId, x.OccurredAt });
        e.HasIndex(x => x.OrderId);
    }
}
