namespace MerchantPortal.Orders;

/// <summary>One entry of an order's timeline: what happened and when.</summary>
public sealed class OrderEvent
{
    private OrderEvent()
    {
    }

    public long Id { get; private set; }

    public Guid OrderId { get; private set; }

    public DateTime OccurredAt { get; private set; }

    /// <summary>A stable dotted name, e.g. <c>order.created</c>, <c>line.delivered</c>; see <see cref="OrderEventTypes"/>.</summary>
    public string Type { get; private set; } = "";

    public string Message { get; private set; } = "";

    internal static OrderEvent Create(string type, string message, DateTime now) =>
        new() { Type = type, Message = message, OccurredAt = now };

    /// <summary>An event added to an order's timeline without loading the order.</summary>
    internal static OrderEvent ForOrder(Guid orderId, string type, string message, DateTime now) =>
        new() { OrderId = orderId, Type = type, Message = message, OccurredAt = now };
}

public static class OrderEventTypes
{
    public const string Created = "order.created";
    public const string PaymentSucceeded = "payment.succeeded";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentRequiresAction = "payment.requires_action";
    public const string FulfilmentStarted = "fulfilment.started";
    public const string LineDelivered = "line.delivered";
    public const string LineFailed = "line.failed";
    public const string Completed = "order.completed";
    public const string Partial = "order.partial";
    public const string Failed = "order.failed";
    public const string Cancelled = "order.cancelled";
    public const string Refunded = "order.refunded";
    public const string RefundReversed = "refund.reversed";
    public const string RefundRequested = "refund.requested";
    public const string RefundAwaitingApproval = "refund.pending_approval";
    public const string RefundApproved = "refund.approved";
    public const string RefundRejected = "refund.rejected";
    public const string RefundFailed = "refund.failed";
    public const string PaymentVoided = "payment.voided";
    public const string FulfilmentRetried = "fulfilment.retried";
    public const string FlagCleared = "order.flag_cleared";
    public const string StripeEvent = "stripe.event";
    public const string RequestReplayed = "request.replayed";
    public const string CodesEmailRequested = "codes.email_requested";
    public const string CodesEmailed = "codes.emailed";
}
