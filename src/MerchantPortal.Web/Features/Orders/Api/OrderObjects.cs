using MerchantPortal.Catalog;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MerchantPortal.Payments;

namespace MerchantPortal.Web.Features.Orders.Api;

/// <summary>Builds the <see cref="OrderObject"/> from Core's order; the one place that knows the order's wire shape.</summary>
public static class OrderObjects
{
    /// <summary>The order as the API shows it; <paramref name="codes"/> null leaves codes out (webhook snapshots).</summary>
    public static OrderObject From(
        Order order, OrderCustomerObject customer, IReadOnlyDictionary<long, IReadOnlyList<string>>? codes, bool replayed = false)
    {
        var currency = Currency.Of(order.Currency);
        var lines = order.Lines.OrderBy(l => l.LineNumber).Select(l => Line(l, currency, codes)).ToList();
        var single = lines.Count == 1 ? lines[0] : null;
        return new OrderObject(
            order.Id,
            "order",
            order.Reference,
            order.Status,
            order.PaymentStatus,
            order.FulfillmentStatus,
            order.Currency,
            order.SubtotalMinor,
            Format(order.SubtotalMinor, currency),
            order.FeeMinor,
            Format(order.FeeMinor, currency),
            order.TaxMinor,
            Format(order.TaxMinor, currency),
            order.TotalMinor,
            Format(order.TotalMinor, currency),
            order.RefundedMinor,
            Format(order.RefundedMinor, currency),
            lines,
            Payment(order),
            order.ErrorCode,
            order.ErrorMessage,
            customer,
            order.MerchantOrderId,
            order.Source,
            new CreatedByObject(WireNames.Of(order.CreatedByKind), order.CreatedById, order.CreatedByName),
            order.Notes,
            order.Tags,
            order.Metadata,
            order.ExternalReference,
            order.CreatedAt,
            order.CompletedAt,
            replayed,
            single?.ItemId,
            single?.Quantity,
            single?.DeliveredQuantity,
            single?.Codes);
    }

    public static string Format(long minor, Currency currency) => new Money(minor, currency).ToString();

    private static OrderLineObject Line(OrderLine line, Currency currency, IReadOnlyDictionary<long, IReadOnlyList<string>>? codes)
    {
        // A top-up is one unit whose quantity is its face value; the API speaks in face values.
        var unit = line.Type == ProductType.TopUp && line.FaceValueMinor is { } face ? new Money(face, currency).ToMajor() : 1m;
        return new OrderLineObject(
            line.Id,
            line.ItemId,
            line.Name,
            line.Type,
            line.Units * unit,
            line.DeliveredUnits * unit,
            line.RefundedUnits * unit,
            line.UnitPriceMinor,
            Format(line.UnitPriceMinor, currency),
            line.SubtotalMinor,
            line.FeeMinor,
            line.TaxMinor,
            line.TotalMinor,
            Format(line.TotalMinor, currency),
            [.. line.Fields.Select(f => new OrderLineFieldObject(f.Key, f.Label, f.Value, f.Display))],
            line.FailureCode,
            line.FailureMessage,
            codes is null ? null : codes.GetValueOrDefault(line.Id) ?? []);
    }

    private static OrderPaymentObject Payment(Order order) => new(
        order.PaymentMethod,
        order.PaymentMethod == PaymentMethodKind.Card ? order.PaymentReference : null,
        order.PaymentStatus,
        order.PaymentMethod == PaymentMethodKind.Card
            ? order.CardLast4 is { } last4 ? $"{CardLabel.Brand(order.CardBrand)} {last4}" : null
            : "Merchant balance",
        order.PaymentActionUrl is { } url && order.PaymentStatus == PaymentStatus.RequiresAction ? new NextActionObject("redirect_to_url", url) : null);
}
