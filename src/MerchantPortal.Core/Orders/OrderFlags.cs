namespace MerchantPortal.Orders;

/// <summary>Why an order is in front of support until someone marks it as dealt with.</summary>
public static class OrderFlags
{
    /// <summary>A refund failed (at once, or after Stripe first said it succeeded); the money is still with the merchant.</summary>
    public const string RefundFailed = "REFUND_FAILED";

    /// <summary>A card payment succeeded after the order was cancelled or failed; it was refunded automatically.</summary>
    public const string LatePayment = "LATE_PAYMENT";

    /// <summary>The provider delivered a unit that a refund had taken meanwhile: the customer got both.</summary>
    public const string DeliveredAfterRefund = "DELIVERED_AFTER_REFUND";
}
