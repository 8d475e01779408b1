using MerchantPortal.Approvals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> approval)
    {
        approval.HasKey(a => a.Id);
        approval.Property(a => a.Kind).HasMaxLength(50).IsRequired();
        approval.Property(a => a.SubjectId).HasMaxLength(100).IsRequired();
        approval.Property(a => a.Summary).HasMaxLength(1000).IsRequired();
        approval.Property(a => a.Currency).HasMaxLength(3).IsFixedLength().IsUnicode(false).IsRequired();
        approval.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        approval.Property(a => a.RequestedByKind).HasConversion<string>().HasMaxLength(20);
        approval.Property(a => a.RequestedById).HasMaxLength(450).IsRequired();
        approval.Property(a => a.RequestedByName).HasMaxLength(256).IsRequired();
        approval.Property(a => a.DecidedById).HasMaxLength(450);
        approval.Property(a => a.DecidedByName).HasMaxLength(256);
        approval.Property(a => a.DecisionNote).HasMaxLength(ApprovalErrors.MaxNoteLength);
        approval.Property(a => a.Version).IsConcurrencyToken();
        approval.HasIndex(a => new { a.Kind, a.SubjectId }).IsUnique();
        approval.HasIndex(a => new { a.Status, a.RequestedAt });
    }
}
