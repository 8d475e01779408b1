using MerchantPortal.Auditing;
using MerchantPortal.ComponentTests.Orders;
using MerchantPortal.Customers;
using MerchantPortal.Identity;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;

namespace MerchantPortal.ComponentTests.Refunds;

/// <summary>Refund screens against the real services: orders paid from the balance and left partly delivered by running out of codes.</summary>
public abstract class RefundComponentTest : OrderComponentTest
{
    protected static Actor Agent { get; } = Actor.User("support-agent", "agent@test.example", null, Roles.Support);

    /// <summary>
    /// A merchant (2.5% fee, 20% tax) and a paid order of <paramref name="units"/> × a $20 key of which only
    /// <paramref name="codes"/> were in stock, after fulfilment: partial, its other units left to refund.
    /// </summary>
    protected async Task<(MerchantSummary Merchant, Order Order)> PartialOrderAsync(int units = 5, int codes = 2, long? approvalThresholdMinor = null)
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 1_000m, feeBps: 250, taxBps: 2_000);
        if (approvalThresholdMinor is not null)
        {
            var settings = MerchantRefundSettings.Default with { ApprovalThresholdMinor = approvalThresholdMinor };
            var updated = await Core.Get<MerchantService>().UpdateRefundSettingsAsync(merchant.Id, settings, MerchantPortal.Testing.TestCatalog.Admin);
            Assert.True(updated.Succeeded);
        }

        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 2_000, codes: codes);
        var order = await PlaceAsync(merchant, [new PlaceOrderLine(item.Id, units)]);
        await Core.DrainJobsAsync();
        return (merchant, (await Core.Get<OrderQueries>().GetAsync(order.Id, Agent))!.Order);
    }

    /// <summary>A paid order that fulfilment has not picked up yet (the worker only runs when a test drains it).</summary>
    protected async Task<(MerchantSummary Merchant, Order Order)> PendingOrderAsync()
    {
        var merchant = await Core.Catalog.MerchantAsync(balance: 100m);
        var item = await Core.Catalog.KeyItemAsync(unitPriceMinor: 500, codes: 1);
        return (merchant, await PlaceAsync(merchant, [new PlaceOrderLine(item.Id, 1)]));
    }

    protected async Task<Order> PlaceAsync(MerchantSummary merchant, IReadOnlyList<PlaceOrderLine> lines)
    {
        var placed = await Core.Get<OrderPlacementService>().PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: $"c-{Guid.NewGuid():N}@example.test"), lines, PaymentChoice.Balance, OrderSource.Dashboard),
            Actor.User("merchant-user", "merchant@test.example", merchant.Id, Roles.Merchant));
        Assert.True(placed.Succeeded, placed.Error?.Message);
        return placed.Value.Order.Order;
    }

    /// <summary>The service's own quote for <paramref name="units"/> of the order's first line.</summary>
    protected async Task<RefundQuote> QuoteAsync(Order order, int units) =>
        (await Core.Get<RefundService>().QuoteAsync(order.Id, [new RefundLineRequest(order.Lines.Single(l => l.LineNumber == 1).Id, units)], Agent)).Value;
}
