using MerchantPortal.Auditing;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Refunds;

/// <summary>
/// Balance orders that ended partial, on a real SQLite database: a merchant with a 2.5% fee and 8.25% tax, and
/// keys at $20.00 of which only some are in stock.
/// </summary>
public abstract class RefundTestBase : CoreServiceTest
{
    protected RefundService Refunds => Host.Get<RefundService>();

    /// <summary>An order of <paramref name="units"/> keys of which <paramref name="inStock"/> were delivered.</summary>
    protected async Task<(MerchantSummary Merchant, Order Order)> PartialOrderAsync(int units = 5, int inStock = 2, MerchantSummary? merchant = null)
    {
        merchant ??= await Host.Catalog.MerchantAsync(balance: 1_000m, feeBps: 250, taxBps: 825);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 2_000, codes: inStock);
        var placed = await Host.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: $"c-{Guid.NewGuid():N}@test.example"), [new PlaceOrderLine(key.Id, units)],
                PaymentChoice.Balance, OrderSource.Dashboard),
            TestActors.MerchantUser(merchant.Id));
        await Host.DrainJobsAsync();
        return (merchant, await OrderAsync(placed.Value.Order.Order.Id));
    }

    protected Task<Common.Result<RequestedRefund>> RefundAsync(Order order, int units, RefundDestination? destination = null, Auditing.Actor? actor = null, string? key = null) =>
        Refunds.RequestAsync(new RequestRefund(order.Id, [new RefundLineRequest(order.Lines[0].Id, units)], destination, RefundReason.Undelivered, IdempotencyKey: key),
            actor ?? TestActors.Support);

    protected async Task<Order> OrderAsync(Guid orderId)
    {
        await using var db = await Db();
        return await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
    }

    protected async Task<long> BalanceAsync(Guid merchantId) => (await Host.Get<LedgerService>().GetBalanceAsync(merchantId, Actor.System))!.Value.Minor;

    /// <summary>Everything a refund could have changed, to show that a refused one changed nothing.</summary>
    protected async Task<string> MoneyStateAsync(Guid orderId)
    {
        await using var db = await Db();
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
        var refunds = await db.Refunds.CountAsync(r => r.OrderId == orderId);
        var ledger = await db.LedgerEntries.Where(e => e.MerchantId == order.MerchantId).SumAsync(e => e.AmountMinor);
        var lines = string.Join(";", order.Lines.Select(l => $"{l.DeliveredUnits}/{l.RefundedUnits}/{l.RefundedMinor}/{l.Version}"));
        return $"{order.Status}|{order.PaymentStatus}|{order.RefundedMinor}|{refunds}|{ledger}|{lines}|{await db.Approvals.CountAsync()}";
    }

    protected Task<PortalDb> Db() => Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
}
