using MerchantPortal.Data;
using MerchantPortal.Events;
using MerchantPortal.Fulfilment;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using MerchantPortal.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MerchantPortal.IntegrationTests.Events;

/// <summary>Order transitions write their integration events and dispatch jobs in the same transaction as the change.</summary>
public sealed class IntegrationEventTests : CoreServiceTest
{
    [Fact]
    public async Task Placing_an_order_writes_one_order_created_event_and_its_dispatch_job()
    {
        var order = await PlaceAsync(units: 1, codes: 1, withEndpoint: true);

        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var created = await db.IntegrationEvents.SingleAsync(e => e.OrderId == order.Id);
        Assert.Equal(IntegrationEventTypes.OrderCreated, created.Type);
        Assert.Equal(order.MerchantId, created.MerchantId);
        Assert.Contains(order.Id.ToString(), created.Payload, StringComparison.Ordinal);
        var dispatch = await db.OutboxJobs.SingleAsync(j => j.Type == JobTypes.DispatchEvent);
        Assert.Equal(created.Id.ToString(), dispatch.Payload);
        Assert.Equal(JobStatus.Pending, dispatch.Status);
    }

    [Fact]
    public async Task A_merchant_without_an_active_webhook_endpoint_gets_its_events_recorded_and_no_dispatch_jobs()
    {
        var order = await PlaceAsync(units: 1, codes: 1);
        var paused = await PlaceAsync(units: 1, codes: 1, withEndpoint: true);
        await using (var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            await db.WebhookEndpoints.Where(e => e.MerchantId == paused.MerchantId)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.State, WebhookEndpointState.Paused));
        }

        await Host.DrainJobsAsync();

        Assert.Equal([IntegrationEventTypes.OrderCompleted, IntegrationEventTypes.OrderCreated], await EventTypesAsync(order.Id));
        Assert.Equal([IntegrationEventTypes.OrderCompleted, IntegrationEventTypes.OrderCreated], await EventTypesAsync(paused.Id));
        Assert.Equal(1, await DispatchJobsAsync());
    }

    [Fact]
    public async Task A_commit_that_fails_leaves_neither_the_order_nor_its_event()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 1);
        Host.Get<FailingCommits>().FailCommit();

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, key.Id));

        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.Equal(0, await db.IntegrationEvents.CountAsync());
        Assert.Equal(0, await db.OutboxJobs.CountAsync(j => j.Type == JobTypes.DispatchEvent));
    }

    [Fact]
    public async Task Without_an_order_snapshotter_placing_an_order_fails_and_writes_nothing()
    {
        await using var bare = await CoreTestHost.StartAsync(services => services.RemoveAll<IOrderSnapshotter>());
        var merchant = await bare.Catalog.MerchantAsync(balance: 100m);
        var key = await bare.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 1);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => new TestOrders(bare.Services).PlaceKeyOrderAsync(merchant.Id, key.Id));

        Assert.Contains(nameof(IOrderSnapshotter), failure.Message, StringComparison.Ordinal);
        await using var db = await bare.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task Fulfilment_completing_an_order_writes_order_completed()
    {
        var order = await PlaceAsync(units: 2, codes: 2, withEndpoint: true);
        await Host.DrainJobsAsync();

        Assert.Equal([IntegrationEventTypes.OrderCompleted, IntegrationEventTypes.OrderCreated], await EventTypesAsync(order.Id));
        Assert.Equal(2, await DispatchJobsAsync());
    }

    [Fact]
    public async Task An_order_delivered_in_part_writes_order_partial_and_a_later_retry_that_completes_it_writes_order_completed()
    {
        var order = await PlaceAsync(units: 2, codes: 1);
        await Host.DrainJobsAsync();
        Assert.Equal([IntegrationEventTypes.OrderCreated, IntegrationEventTypes.OrderPartial], await EventTypesAsync(order.Id));

        await Host.Catalog.AddCodesAsync(order.Lines[0].ItemId, 1);
        var retried = await Host.Get<FulfilmentRetryService>().RetryAsync(order.Id, TestActors.Support);
        Assert.True(retried.Succeeded, retried.Error?.Message);
        await Host.DrainJobsAsync();

        Assert.Equal(
            [IntegrationEventTypes.OrderCompleted, IntegrationEventTypes.OrderCreated, IntegrationEventTypes.OrderPartial],
            await EventTypesAsync(order.Id));
    }

    [Fact]
    public async Task An_order_with_nothing_delivered_writes_order_failed()
    {
        var order = await PlaceAsync(units: 1, codes: 0);
        await Host.DrainJobsAsync();

        Assert.Equal([IntegrationEventTypes.OrderCreated, IntegrationEventTypes.OrderFailed], await EventTypesAsync(order.Id));
    }

    [Fact]
    public async Task Cancelling_a_paid_order_writes_order_cancelled_and_order_refunded()
    {
        var order = await PlaceAsync(units: 1, codes: 1);

        var cancelled = await Host.Get<OrderCancellationService>().CancelAsync(order.Id, "Changed their mind", TestActors.MerchantUser(order.MerchantId));
        Assert.True(cancelled.Succeeded, cancelled.Error?.Message);

        Assert.Equal(
            [IntegrationEventTypes.OrderCancelled, IntegrationEventTypes.OrderCreated, IntegrationEventTypes.OrderRefunded],
            await EventTypesAsync(order.Id));
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var refundedSnapshot = await db.IntegrationEvents.Where(e => e.Type == IntegrationEventTypes.OrderRefunded).Select(e => e.Payload).SingleAsync();
        Assert.Contains("\"status\":\"Cancelled\"", refundedSnapshot, StringComparison.Ordinal);
        Assert.Contains("\"payment_status\":\"Refunded\"", refundedSnapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refunding_undelivered_units_writes_order_refunded()
    {
        var order = await PlaceAsync(units: 2, codes: 1);
        await Host.DrainJobsAsync();

        var refunded = await Host.Get<RefundService>().RequestAsync(
            new RequestRefund(order.Id, null, RefundDestination.Balance, RefundReason.Undelivered), TestActors.Support);
        Assert.True(refunded.Succeeded, refunded.Error?.Message);

        Assert.Contains(IntegrationEventTypes.OrderRefunded, await EventTypesAsync(order.Id));
    }

    private async Task<Order> PlaceAsync(int units, int codes, bool withEndpoint = false)
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        if (withEndpoint)
        {
            var endpoint = await Host.Get<WebhookEndpointService>().CreateAsync(
                new CreateWebhookEndpoint(merchant.Id, "http://127.0.0.1:9/hooks", null, [IntegrationEventTypes.OrderCompleted]), TestCatalog.Admin);
            Assert.True(endpoint.Succeeded, endpoint.Error?.Message);
        }

        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: codes);
        return (await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, key.Id, units)).Order;
    }

    private async Task<List<string>> EventTypesAsync(Guid orderId)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var types = await db.IntegrationEvents.Where(e => e.OrderId == orderId).Select(e => e.Type).ToListAsync();
        return [.. types.Order(StringComparer.Ordinal)];
    }

    private async Task<int> DispatchJobsAsync()
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.OutboxJobs.CountAsync(j => j.Type == JobTypes.DispatchEvent);
    }
}
