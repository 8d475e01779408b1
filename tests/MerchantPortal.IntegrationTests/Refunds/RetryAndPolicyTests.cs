using MerchantPortal.Auditing;
using MerchantPortal.Fulfilment;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Refunds;

/// <summary>Retrying fulfilment of undelivered units, by support and on restock, and the automatic refund policy.</summary>
public sealed class RetryAndPolicyTests : RefundTestBase
{
    private FulfilmentRetryService Retries => Host.Get<FulfilmentRetryService>();

    [Fact]
    public async Task A_retry_after_a_restock_delivers_the_rest_and_ends_the_order_completed()
    {
        var (_, order) = await PartialOrderAsync(units: 5, inStock: 2);
        await Host.Catalog.AddCodesAsync(order.Lines[0].ItemId, 3);

        var retried = await Retries.RetryAsync(order.Id, TestActors.Support);
        await Host.DrainJobsAsync();

        Assert.Equal(OrderStatus.Processing, retried.Value.Order.Status);
        var after = await OrderAsync(order.Id);
        Assert.Equal((OrderStatus.Completed, 5), (after.Status, after.Lines[0].DeliveredUnits));
    }

    [Fact]
    public async Task A_retry_delivers_only_units_neither_delivered_nor_refunded()
    {
        var (_, order) = await PartialOrderAsync(units: 5, inStock: 2);
        await RefundAsync(order, 1);
        await Host.Catalog.AddCodesAsync(order.Lines[0].ItemId, 5);

        await Retries.RetryAsync(order.Id, TestActors.Support);
        await Host.DrainJobsAsync();

        var after = await OrderAsync(order.Id);
        Assert.Equal((OrderStatus.Completed, 4, 1), (after.Status, after.Lines[0].DeliveredUnits, after.Lines[0].RefundedUnits));
        await using var db = await Db();
        Assert.Equal(4, await db.KeyCodes.CountAsync(c => c.OrderLineId == after.Lines[0].Id));
    }

    [Fact]
    public async Task Without_new_stock_a_retry_ends_partial_again_and_a_completed_order_has_nothing_to_retry()
    {
        var (_, partial) = await PartialOrderAsync(units: 3, inStock: 1);
        var (_, completed) = await PartialOrderAsync(units: 1, inStock: 1);

        await Retries.RetryAsync(partial.Id, TestActors.Support);
        await Host.DrainJobsAsync();

        Assert.Equal(OrderStatus.Partial, (await OrderAsync(partial.Id)).Status);
        Assert.Equal("NOTHING_TO_RETRY", (await Retries.RetryAsync(completed.Id, TestActors.Support)).Error!.Code);
        Assert.Equal("RETRY_NOT_ALLOWED", (await Retries.RetryAsync(partial.Id, TestActors.MerchantUser(partial.MerchantId))).Error!.Code);
    }

    [Fact]
    public async Task A_refund_racing_a_retry_never_lets_delivered_and_refunded_exceed_what_was_ordered()
    {
        for (var round = 0; round < 6; round++)
        {
            var (_, order) = await PartialOrderAsync(units: 5, inStock: 2);
            await Host.Catalog.AddCodesAsync(order.Lines[0].ItemId, 3);

            await Task.WhenAll(
                Task.Run(() => RefundAsync(order, 3)),
                Task.Run(async () =>
                {
                    await Retries.RetryAsync(order.Id, TestActors.SecondSupport);
                    await Host.DrainJobsAsync($"worker-{round}");
                }));
            await Host.DrainJobsAsync();

            var after = await OrderAsync(order.Id);
            var line = after.Lines[0];
            Assert.True(line.DeliveredUnits + line.RefundedUnits <= line.Units, $"round {round}: {line.DeliveredUnits} delivered + {line.RefundedUnits} refunded");
            await using var db = await Db();
            Assert.Equal(line.DeliveredUnits, await db.KeyCodes.CountAsync(c => c.OrderLineId == line.Id));
            Assert.Equal(line.RefundedMinor, await db.Refunds.Where(r => r.OrderId == order.Id && r.Status == RefundStatus.Succeeded).SumAsync(r => r.AmountMinor));
        }
    }

    [Fact]
    public async Task Restocking_retries_waiting_orders_of_merchants_who_asked_for_it()
    {
        var merchant = await MerchantWithAsync(MerchantRefundSettings.Default with { RetryOnRestock = true });
        var (_, order) = await PartialOrderAsync(units: 4, inStock: 1, merchant: merchant);

        await Host.Catalog.AddCodesAsync(order.Lines[0].ItemId, 3);
        await Host.DrainJobsAsync();

        Assert.Equal(OrderStatus.Completed, (await OrderAsync(order.Id)).Status);
        await using var db = await Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.FulfilmentRetried && a.ActorKind == ActorKind.System));
    }

    [Fact]
    public async Task The_automatic_policy_refunds_every_undelivered_unit_once_fulfilment_gives_up()
    {
        var merchant = await MerchantWithAsync(MerchantRefundSettings.Default with { AutoRefund = AutoRefundPolicy.AllUndelivered });
        var before = await BalanceAsync(merchant.Id);

        var (_, order) = await PartialOrderAsync(units: 5, inStock: 2, merchant: merchant);

        await using var db = await Db();
        var refund = await db.Refunds.SingleAsync(r => r.OrderId == order.Id);
        Assert.Equal((RefundOrigin.Policy, RefundStatus.Succeeded, ActorKind.System, 6_645L), (refund.Origin, refund.Status, refund.RequestedByKind, refund.AmountMinor));
        Assert.Equal(before - order.TotalMinor + 6_645, await BalanceAsync(merchant.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.RefundRequested && a.ActorKind == ActorKind.System));
    }

    [Fact]
    public async Task The_failed_orders_policy_leaves_partial_orders_to_support()
    {
        var merchant = await MerchantWithAsync(MerchantRefundSettings.Default with { AutoRefund = AutoRefundPolicy.FailedOrders });

        var (_, partial) = await PartialOrderAsync(units: 3, inStock: 1, merchant: merchant);
        var (_, failed) = await PartialOrderAsync(units: 3, inStock: 0, merchant: merchant);

        await using var db = await Db();
        Assert.False(await db.Refunds.AnyAsync(r => r.OrderId == partial.Id));
        Assert.Equal(RefundStatus.Succeeded, (await db.Refunds.SingleAsync(r => r.OrderId == failed.Id)).Status);
        Assert.Equal(PaymentStatus.Refunded, (await OrderAsync(failed.Id)).PaymentStatus);
    }

    private async Task<MerchantSummary> MerchantWithAsync(MerchantRefundSettings settings)
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 1_000m, feeBps: 250, taxBps: 825);
        return (await Host.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id, settings, TestActors.Admin)).Value;
    }
}
