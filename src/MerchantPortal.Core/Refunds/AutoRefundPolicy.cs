namespace MerchantPortal.Refunds;

/// <summary>A merchant's automatic refunds, once fulfilment has given up on an order (recorded with the system as actor).</summary>
public enum AutoRefundPolicy
{
    Off,

    /// <summary>Refund orders that delivered nothing.</summary>
    FailedOrders,

    /// <summary>Refund every undelivered unit of failed and partial orders.</summary>
    AllUndelivered,
}
