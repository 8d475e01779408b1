using MerchantPortal.Orders;

namespace MerchantPortal.Support;

/// <summary>Filters of the support work queue.</summary>
public sealed record SupportQueueQuery
{
    public Guid? MerchantId { get; init; }

    /// <summary>A reason code: <c>OUT_OF_STOCK</c>, <c>PROVIDER_ERROR</c>, <see cref="SupportReasons.Stuck"/> or an <see cref="OrderFlags"/> code.</summary>
    public string? Reason { get; init; }

    /// <summary>Only orders placed longer ago than this.</summary>
    public TimeSpan? OlderThan { get; init; }

    public PaymentMethodKind? PaymentMethod { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>One order in the support queue: why it is there, and what it has left undelivered.</summary>
public sealed record SupportQueueRow(
    Guid OrderId,
    long Number,
    Guid MerchantId,
    string MerchantName,
    string CustomerName,
    OrderStatus Status,
    PaymentStatus PaymentStatus,
    PaymentMethodKind PaymentMethod,
    string Currency,
    long TotalMinor,
    long RefundedMinor,
    int Units,
    int DeliveredUnits,
    int RefundedUnits,
    string Reason,
    string ReasonText,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public string Reference => Order.FormatReference(Number);

    public int RemainingUnits => Units - DeliveredUnits - RefundedUnits;

    public bool CanRetry => Status is OrderStatus.Partial or OrderStatus.Failed && PaymentStatus.IsRefundable() && RemainingUnits > 0;

    public bool CanRefund => PaymentStatus.IsRefundable() && RemainingUnits > 0;
}

/// <summary>The reason codes of the support queue that are not an order's own codes.</summary>
public static class SupportReasons
{
    /// <summary>In processing for longer than <see cref="SupportQueueQueries.StuckAfter"/>.</summary>
    public const string Stuck = "STUCK";

    /// <summary>Ended partial or failed with units left, for no recorded failure (e.g. a refund was rejected).</summary>
    public const string Undelivered = "UNDELIVERED";

    public static IReadOnlyList<string> All { get; } =
        [OrderErrorCodes.OutOfStock, OrderErrorCodes.ProviderError, Stuck, OrderFlags.RefundFailed, OrderFlags.LatePayment, OrderFlags.DeliveredAfterRefund];
}
