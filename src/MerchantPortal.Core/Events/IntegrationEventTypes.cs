namespace MerchantPortal.Events;

/// <summary>The events merchants can subscribe webhook endpoints to (docs/api.md).</summary>
public static class IntegrationEventTypes
{
    public const string OrderCreated = "order.created";
    public const string OrderCompleted = "order.completed";
    public const string OrderPartial = "order.partial";
    public const string OrderFailed = "order.failed";
    public const string OrderCancelled = "order.cancelled";
    public const string OrderRefunded = "order.refunded";
    public const string RefundFailed = "refund.failed";

    /// <summary>Sent only by "Send test event" in the webhook console.</summary>
    public const string Test = "test.ping";

    public static IReadOnlyList<string> Subscribable { get; } =
        [OrderCreated, OrderCompleted, OrderPartial, OrderFailed, OrderCancelled, OrderRefunded, RefundFailed];
}
