using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class CodeEmailConfiguration : IEntityTypeConfiguration<CodeEmail>
{
    public void Configure(EntityTypeBuilder<CodeEmail> email)
    {
        email.HasKey(e => e.Id);
        email.Property(e => e.RequestKey).HasMaxLength(CodeEmail.MaxRequestKeyLength).IsRequired();
        email.Property(e => e.ToAddress).HasMaxLength(MerchantPortal.Customers.CustomerErrors.MaxEmailLength).IsRequired();
        email.Property(e => e.RequestedBy).HasMaxLength(256).IsRequired();
        email.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        email.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
        email.HasOne<Merchant>().WithMany().HasForeignKey(e => e.MerchantId).OnDelete(DeleteBehavior.Restrict);
        // One send per click intent, however many times it arrives.
        email.HasIndex(e => new { e.OrderId, e.RequestKey }).IsUnique();
    }
}
