using MerchantPortal.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class ChangeFeedEntryConfiguration : IEntityTypeConfiguration<ChangeFeedEntry>
{
    public void Configure(EntityTypeBuilder<ChangeFeedEntry> entry)
    {
        entry.HasKey(e => e.Sequence);
        entry.Property(e => e.Sequence).ValueGeneratedOnAdd();
        entry.Property(e => e.Topic).HasMaxLength(ChangeFeedEntry.MaxTopicLength).IsRequired();
        entry.Property(e => e.Key).HasMaxLength(ChangeFeedEntry.MaxKeyLength).IsRequired();
        entry.HasIndex(e => e.At);
    }
}
