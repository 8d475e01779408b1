using System.Text.Json;
using MerchantPortal.Data;
using MerchantPortal.Events;
using MerchantPortal.Orders;
using MerchantPortal.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Orders.Api;

/// <summary>
/// Renders an order for webhook payloads as the same order object <c>GET /api/v1/orders/{id}</c> returns, but
/// without delivered codes (they never sit in plaintext in the outbox or the delivery log).
/// </summary>
internal sealed class OrderSnapshotter(IServiceProvider services) : IOrderSnapshotter
{
    public async Task<string> SnapshotAsync(PortalDb db, Order order, CancellationToken ct)
    {
        // The customer may be created in the very transaction being saved: look among the tracked ones first.
        var customer = db.Customers.Local.FirstOrDefault(c => c.Id == order.CustomerId)
            ?? await db.Customers.AsNoTracking().SingleAsync(c => c.Id == order.CustomerId, ct);
        var snapshot = OrderObjects.From(order, new OrderCustomerObject(customer.Id, customer.DisplayName, customer.Email, customer.Phone), codes: null);
        return JsonSerializer.Serialize(snapshot, ApiJson.Options(services));
    }
}
