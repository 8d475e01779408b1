using System.Text.Json;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Events;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Api;

[Collection(ApiCollection.Name)]
public sealed class OrderSnapshotTests(ApiApp app)
{
    [Fact]
    public async Task A_webhook_snapshot_is_the_order_object_without_delivered_codes()
    {
        var merchant = await app.MerchantAsync();
        var item = await app.Catalog.KeyItemAsync(codes: 1);
        var placed = await app.Get<OrderPlacementService>().PlaceAsync(new PlaceOrder(merchant.Id, new CustomerRef(Email: "s@example.test"),
            [new PlaceOrderLine(item.Id, 1)], PaymentChoice.Balance, OrderSource.Api), TestCatalog.Admin);

        await using var db = await app.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == placed.Value.Order.Order.Id);
        var json = await app.Get<IOrderSnapshotter>().SnapshotAsync(db, order, CancellationToken.None);

        var snapshot = JsonDocument.Parse(json).RootElement;
        Assert.Equal("order", snapshot.GetProperty("object").GetString());
        Assert.Equal(order.Id, snapshot.GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("codes").ValueKind);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("lines")[0].GetProperty("codes").ValueKind);
    }

    [Fact]
    public async Task The_order_created_event_carries_the_line_ids_the_database_gave()
    {
        var merchant = await app.MerchantAsync();
        var order = await merchant.OrderAsync(await app.Catalog.KeyItemAsync(codes: 1));

        var payload = await app.DbAsync(db => db.IntegrationEvents
            .Where(e => e.OrderId == order.Id() && e.Type == IntegrationEventTypes.OrderCreated)
            .Select(e => e.Payload)
            .SingleAsync());

        var line = JsonDocument.Parse(payload).RootElement.GetProperty("lines")[0];
        Assert.Equal(order.GetProperty("lines")[0].GetProperty("id").GetInt64(), line.GetProperty("id").GetInt64());
        Assert.NotEqual(0, line.GetProperty("id").GetInt64());
    }
}
