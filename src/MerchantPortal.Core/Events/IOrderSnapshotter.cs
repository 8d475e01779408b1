using MerchantPortal.Data;
using MerchantPortal.Orders;

namespace MerchantPortal.Events;

/// <summary>
/// Renders an order as the public API's order object (JSON, snake_case, without delivered codes) for an
/// <see cref="IntegrationEvent"/> payload. Called while the change is being saved, with the same
/// <see cref="PortalDb"/>, so the snapshot shows the order exactly as this transaction leaves it.
/// </summary>
public interface IOrderSnapshotter
{
    Task<string> SnapshotAsync(PortalDb db, Order order, CancellationToken ct);
}
