using MerchantPortal.Customers;
using MerchantPortal.Refunds;

namespace MerchantPortal.Orders;

/// <summary>Everything the order detail page and the API show about one order, its refunds oldest first.</summary>
public sealed record OrderDetails(
    Order Order,
    string MerchantName,
    CustomerSummary Customer,
    IReadOnlyDictionary<long, IReadOnlyList<DeliveredCode>> CodesByLine,
    IReadOnlyList<Refund> Refunds)
{
    /// <summary>Money that refunds still on their way hold (pending, or waiting for approval).</summary>
    public long PendingRefundMinor => Refunds.Where(r => r.Status is RefundStatus.Pending or RefundStatus.PendingApproval).Sum(r => r.AmountMinor);
}

/// <summary>An order with its lines, and its customer.</summary>
public sealed record OrderWithCustomer(Order Order, Customer Customer);

/// <summary>A code delivered to an order line, masked until revealed.</summary>
public sealed record DeliveredCode(long Id, string Masked);

/// <summary>An order as the orders grid shows it.</summary>
public sealed record OrderSummary(
    Guid Id,
    long Number,
    Guid MerchantId,
    string MerchantName,
    string? MerchantOrderId,
    string CustomerName,
    string? CustomerEmail,
    OrderSource Source,
    OrderStatus Status,
    PaymentStatus PaymentStatus,
    FulfillmentStatus FulfillmentStatus,
    PaymentMethodKind PaymentMethod,
    string Currency,
    long TotalMinor,
    long RefundedMinor,
    int Units,
    int DeliveredUnits,
    DateTime CreatedAt,
    string? ExternalReference = null)
{
    public string Reference => Order.FormatReference(Number);
}

/// <summary>Filters, search and sort for the orders grid, its CSV export and the API list.</summary>
public sealed record OrderQuery
{
    public Guid? MerchantId { get; init; }

    public IReadOnlyList<OrderStatus>? Statuses { get; init; }

    public PaymentStatus? PaymentStatus { get; init; }

    public FulfillmentStatus? FulfillmentStatus { get; init; }

    public DateTime? CreatedFrom { get; init; }

    /// <summary>Exclusive upper bound.</summary>
    public DateTime? CreatedTo { get; init; }

    public long? ItemId { get; init; }

    public OrderSource? Source { get; init; }

    public Guid? CustomerId { get; init; }

    public RefundFilter? Refunds { get; init; }

    /// <summary>Only the order with exactly this merchant order id.</summary>
    public string? MerchantOrderId { get; init; }

    /// <summary>Only orders with exactly this external reference.</summary>
    public string? ExternalReference { get; init; }

    /// <summary>An order number (MP-000123 or 123), a merchant order id, an external reference, or a customer email.</summary>
    public string? Search { get; init; }

    public OrderSort Sort { get; init; } = OrderSort.Newest;

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>Orders by the state of their refunds.</summary>
public enum RefundFilter
{
    /// <summary>Any refund at all, whatever its state.</summary>
    Any,
    AwaitingApproval,
    Pending,
    Failed,
    PartiallyRefunded,
    Refunded,
}

public enum OrderSort
{
    Newest,
    Oldest,
    TotalHighest,
    TotalLowest,
}

/// <summary>
/// An order as the CSV export writes it: the grid's row, the order's amounts and card, and — when the export has
/// one row per order line — the line, whose own amounts and units then fill the amount columns.
/// </summary>
public sealed record OrderExportRow(
    OrderSummary Order,
    long SubtotalMinor,
    long FeeMinor,
    long TaxMinor,
    string? CardBrand,
    string? CardLast4,
    OrderExportLine? Line = null);

/// <summary>One order line in the export.</summary>
public sealed record OrderExportLine(
    int LineNumber,
    string Sku,
    string Name,
    int Units,
    int DeliveredUnits,
    int RefundedUnits,
    long SubtotalMinor,
    long FeeMinor,
    long TaxMinor,
    long TotalMinor,
    long RefundedMinor);
