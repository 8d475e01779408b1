using MerchantPortal.Customers;
using MerchantPortal.Merchants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.HasKey(c => c.Id);
        customer.Property(c => c.Name).HasMaxLength(CustomerErrors.MaxNameLength);
        customer.Property(c => c.Email).HasMaxLength(CustomerErrors.MaxEmailLength);
        customer.Property(c => c.NormalizedEmail).HasMaxLength(CustomerErrors.MaxEmailLength);
        customer.Property(c => c.Phone).HasMaxLength(20);
        customer.Property(c => c.Notes).HasMaxLength(CustomerErrors.MaxNotesLength);
        customer.Property(c => c.StripeCustomerId).HasMaxLength(100);
        customer.Property(c => c.Version).IsConcurrencyToken();
        customer.Ignore(c => c.DisplayName);
        customer.HasOne<Merchant>().WithMany().HasForeignKey(c => c.MerchantId).OnDelete(DeleteBehavior.Restrict);
        customer.HasIndex(c => new { c.MerchantId, c.NormalizedEmail }).IsUnique().HasFilter("[NormalizedEmail] IS NOT NULL");
        customer.HasIndex(c => new { c.MerchantId, c.Phone }).IsUnique().HasFilter("[Phone] IS NOT NULL");
    }
}
