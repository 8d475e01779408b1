namespace MerchantPortal.Orders;

/// <summary>
/// The order written or found, whether its card is still to be charged, and for an order just written and paid
/// its details as written.
/// </summary>
internal sealed record Placement(Guid OrderId, bool Replayed, bool ChargeCard, OrderDetails? Written = null);
