using System.Text.Json;
using MerchantPortal.Data;
using MerchantPortal.Events;
using MerchantPortal.Orders;

namespace MerchantPortal.Testing;

/// <summary>
/// A small stand-in for the API's order snapshot, registered by the test hosts only when the app has none, so
/// integration events can be written in tests: the order's id, reference and statuses as JSON.
/// </summary>
public sealed class TestOrderSnapshotter : IOrderSnapshotter
{
    public Task<string> SnapshotAsync(PortalDb db, Order order, CancellationToken ct) => Task.FromResult(JsonSerializer.Serialize(new
    {
        id = order.Id,
        number = order.Reference,
        status = order.Status.ToString(),
        payment_status = order.PaymentStatus.ToString(),
        fulfillment_status = order.FulfillmentStatus.ToString(),
    }));
}
