namespace MerchantPortal.Orders;

/// <summary>
/// Tells open pages in this instance that an order changed, so they refresh at once. Pages also poll
/// while an order is in progress, which covers changes made by other instances.
/// </summary>
public sealed class OrderChangeNotifier
{
    public event Action<Guid>? OrderChanged;

    public void Changed(Guid orderId) => OrderChanged?.Invoke(orderId);
}
