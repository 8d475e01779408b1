namespace MerchantPortal.Orders;

/// <summary>Where an order is in its life: awaiting payment → pending → processing → completed | partial | failed; or cancelled.</summary>
public enum OrderStatus
{
    AwaitingPayment,
    Pending,
    Processing,
    Completed,
    Partial,
    Failed,
    Cancelled,
}

public enum PaymentStatus
{
    Unpaid,
    RequiresAction,
    Paid,
    PartiallyRefunded,
    Refunded,

    /// <summary>The payment was called off before it completed (a cancelled order's PaymentIntent was cancelled).</summary>
    Voided,
    Failed,
}

public enum FulfillmentStatus
{
    Unfulfilled,
    InProgress,
    Partial,
    Fulfilled,
}

/// <summary>Where an order was placed.</summary>
public enum OrderSource
{
    Dashboard,
    Api,
}

/// <summary>How an order is paid.</summary>
public enum PaymentMethodKind
{
    /// <summary>From the merchant's prepaid balance, in the same transaction as the order.</summary>
    Balance,

    /// <summary>With the customer's card saved in Stripe (a PaymentIntent).</summary>
    Card,
}

public static class OrderStatusExtensions
{
    /// <summary>
    /// The statuses an order needing someone's attention can have (undelivered units, or stuck). A partial index
    /// covers exactly these rows, so dashboards find them without reading the whole history.
    /// </summary>
    public static IReadOnlyList<OrderStatus> NeedingAttention { get; } =
        [OrderStatus.Pending, OrderStatus.Processing, OrderStatus.Partial, OrderStatus.Failed];

    /// <summary>Payment statuses of an order whose money was taken and not (all) given back yet.</summary>
    public static bool IsRefundable(this PaymentStatus status) => status is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded;

    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Completed or OrderStatus.Partial or OrderStatus.Failed or OrderStatus.Cancelled;
}
