using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantPortal.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.HasKey(o => o.Id);
        order.HasIndex(o => o.Number).IsUnique();
        order.Property(o => o.MerchantOrderId).HasMaxLength(OrderErrors.MaxMerchantOrderIdLength);
        order.Property(o => o.ExternalReference).HasMaxLength(OrderErrors.MaxExternalReferenceLength);
        order.Property(o => o.IdempotencyKey).HasMaxLength(255);
        order.Property(o => o.RequestHash).HasMaxLength(64).IsUnicode(false).IsRequired();
        order.Property(o => o.Source).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.CreatedByKind).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.CreatedById).HasMaxLength(450).IsRequired();
        order.Property(o => o.CreatedByName).HasMaxLength(256).IsRequired();
        order.Property(o => o.Currency).HasMaxLength(3).IsFixedLength().IsUnicode(false).IsRequired();
        order.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.PaymentReference).HasMaxLength(255);
        order.Property(o => o.PaymentMethodId).HasMaxLength(255);
        order.Property(o => o.CardBrand).HasMaxLength(30);
        order.Property(o => o.CardLast4).HasMaxLength(4);
        order.Property(o => o.PaymentActionUrl).HasMaxLength(2000);
        order.HasIndex(o => o.PaymentReference);
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.PaymentStatus).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.FulfillmentStatus).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.ErrorCode).HasMaxLength(50);
        order.Property(o => o.ErrorMessage).HasMaxLength(1000);
        order.Property(o => o.FlagCode).HasMaxLength(50);
        order.Property(o => o.FlagMessage).HasMaxLength(1000);
        order.Property(o => o.Notes).HasMaxLength(OrderErrors.MaxNotesLength);
        order.Property(o => o.Tags).HasJsonConversion().HasMaxLength(1000);
        order.Property(o => o.Metadata).HasJsonConversion().HasMaxLength(12000);
        order.Property(o => o.Version).IsConcurrencyToken();
        order.Ignore(o => o.Reference);
        order.Ignore(o => o.CanCancel);
        order.Ignore(o => o.CanRetryFulfilment);

        order.HasMany(o => o.Lines).WithOne(l => l.Order).HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        order.Navigation(o => o.Lines).HasField("_lines");
        order.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
        order.Navigation(o => o.Events).HasField("_events");
        order.HasOne<Merchant>().WithMany().HasForeignKey(o => o.MerchantId).OnDelete(DeleteBehavior.Restrict);
        order.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);

        order.HasIndex(o => new { o.MerchantId, o.MerchantOrderId }).IsUnique().HasFilter("[MerchantOrderId] IS NOT NULL");
        order.HasIndex(o => new { o.MerchantId, o.IdempotencyKey }).IsUnique().HasFilter("[IdempotencyKey] IS NOT NULL");
        order.HasIndex(o => new { o.MerchantId, o.ExternalReference }).HasFilter("[ExternalReference] IS NOT NULL");
        order.HasIndex(o => new { o.MerchantId, o.CreatedAt });

        // A merchant's orders newest first (the API's list and the merchant's grid), all or of one status: the
        // page is read from the index instead of sorting the merchant's whole history.
        order.HasIndex(o => new { o.MerchantId, o.Number });
        order.HasIndex(o => new { o.MerchantId, o.Status, o.Number });
        order.HasIndex(o => o.CreatedAt);
        order.HasIndex(o => o.CustomerId);

        // Every merchant's orders of one status, payment or fulfilment status, newest first (the staff grid's filters,
        // the dashboard's orders needing attention): a page walks the matching orders only, where the (Number) index
        // would test every order until a page is found. A filter of several statuses reads them one by one.
        order.HasIndex(o => new { o.Status, o.Number });
        order.HasIndex(o => new { o.PaymentStatus, o.Number });
        order.HasIndex(o => new { o.FulfillmentStatus, o.Number });

        // The grid sorted by total (all merchants; one merchant) and staff searching a merchant order id or
        // an external reference across merchants.
        order.HasIndex(o => new { o.TotalMinor, o.Number });
        order.HasIndex(o => new { o.MerchantId, o.TotalMinor, o.Number });
        order.HasIndex(o => o.MerchantOrderId).HasFilter("[MerchantOrderId] IS NOT NULL");
        order.HasIndex(o => o.ExternalReference).HasFilter("[ExternalReference] IS NOT NULL");
        order.HasIndex(o => o.FlagCode).HasFilter("[FlagCode] IS NOT NULL");
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> line)
    {
        line.HasKey(l => l.Id);
        line.Property(l => l.Sku).HasMaxLength(64).IsRequired();
        line.Property(l => l.Name).HasMaxLength(200).IsRequired();
        line.Property(l => l.Type).HasConversion<string>().HasMaxLength(20);
        line.Property(l => l.Fields).HasJsonConversion().HasMaxLength(8000);
        line.Property(l => l.FailureCode).HasMaxLength(50);
        line.Property(l => l.FailureMessage).HasMaxLength(1000);
        line.Property(l => l.ProviderReference).HasMaxLength(255);
        line.Ignore(l => l.UndeliveredUnits);
        line.Ignore(l => l.RemainingUnits);
        line.Property(l => l.Version).IsConcurrencyToken();
        line.Ignore(l => l.IsSettled);
        line.HasOne<CatalogItem>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Restrict);
        line.HasIndex(l => new { l.OrderId, l.LineNumber }).IsUnique();
        line.HasIndex(l => l.ItemId);
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> orderEvent)
    {
        orderEvent.HasKey(e => e.Id);
        orderEvent.Property(e => e.Type).HasMaxLength(50).IsRequired();
        orderEvent.Property(e => e.Message).HasMaxLength(1000).IsRequired();
        orderEvent.HasIndex(e => new { e.OrderId, e.OccurredAt });
    }
}
