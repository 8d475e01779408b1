using MerchantPortal.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class OutboxJobConfiguration : IEntityTypeConfiguration<OutboxJob>
{
    public void Configure(EntityTypeBuilder<OutboxJob> job)
    {
        job.HasKey(j => j.Id);
        job.Property(j => j.Type).HasMaxLength(50).IsRequired();
        job.Property(j => j.Payload).HasMaxLength(4000).IsRequired();
        job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        job.Property(j => j.LeaseOwner).HasMaxLength(200);
        job.Property(j => j.LastError).HasMaxLength(2000);
        // Each job type's lane claims its own due jobs.
        job.HasIndex(j => new { j.Type, j.Status, j.AvailableAt });
        job.HasIndex(j => new { j.Type, j.Status, j.LeaseExpiresAt });
    }
}

internal sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> counter)
    {
        counter.HasKey(c => c.Name);
        counter.Property(c => c.Name).HasMaxLength(50);
        counter.HasData(new { Name = Counter.OrderNumbers, Value = 0L }, new { Name = Counter.RefundNumbers, Value = 0L });
    }
}
