using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Ledger;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>Many orders at once against one SQLite database, as the design requires.</summary>
public sealed class ConcurrencyTests : CoreServiceTest
{
    [Fact]
    public async Task Fifty_concurrent_orders_for_ten_codes_deliver_exactly_ten_codes_once_each()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 1000m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 10);
        var actor = Actor.User("merchant-user", "m@test.example", merchant.Id, Roles.Merchant);
        var orders = Host.Get<OrderPlacementService>();

        var placed = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => orders.PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: $"buyer{i}@test.example"), [new PlaceOrderLine(key.Id, 1)],
                PaymentChoice.Balance, OrderSource.Api), actor))));
        Assert.All(placed, p => Assert.True(p.Succeeded, p.Error?.Message));

        // Four workers race for the fulfilment jobs and the codes.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => Host.DrainJobsAsync($"worker-{w}"))));

        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var delivered = await db.KeyCodes.Where(c => c.ItemId == key.Id && c.Status == KeyCodeStatus.Delivered).ToListAsync();
        Assert.Equal(10, delivered.Count);
        Assert.Equal(10, delivered.Select(c => c.OrderLineId).Distinct().Count());
        var finished = await db.Orders.Where(o => o.MerchantId == merchant.Id).Include(o => o.Lines).ToListAsync();
        Assert.All(finished, o => Assert.True(o.Status.IsTerminal(), $"{o.Reference} is {o.Status}"));
        Assert.Equal(10, finished.Count(o => o.Status == OrderStatus.Completed));
        Assert.Equal(40, finished.Count(o => o.Status == OrderStatus.Failed && o.ErrorCode == OrderErrorCodes.OutOfStock));
        Assert.Equal(10, finished.Sum(o => o.Lines.Sum(l => l.DeliveredUnits)));
        Assert.Equal(0, await db.OutboxJobs.CountAsync(j => j.Type == JobTypes.FulfilOrder && j.Status != JobStatus.Done));
    }

    [Fact]
    public async Task A_hundred_concurrent_balance_orders_against_a_balance_for_sixty_let_exactly_sixty_through()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 60m);
        var key = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 100);
        var actor = Actor.User("merchant-user", "m@test.example", merchant.Id, Roles.Merchant);
        var orders = Host.Get<OrderPlacementService>();

        var placed = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => orders.PlaceAsync(
            new PlaceOrder(merchant.Id, new CustomerRef(Email: "same@test.example"), [new PlaceOrderLine(key.Id, 1)],
                PaymentChoice.Balance, OrderSource.Api), actor))));

        Assert.Equal(60, placed.Count(p => p.Succeeded));
        Assert.All(placed.Where(p => !p.Succeeded), p => Assert.Equal("INSUFFICIENT_BALANCE", p.Error!.Code));
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var balance = await db.MerchantBalances.SingleAsync(b => b.MerchantId == merchant.Id);
        var entries = await db.LedgerEntries.Where(e => e.MerchantId == merchant.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(0, balance.AvailableMinor);
        Assert.Equal(balance.AvailableMinor, entries.Sum(e => e.AmountMinor));
        Assert.All(entries, e => Assert.True(e.BalanceAfterMinor >= 0));
        Assert.Equal(60, entries.Count(e => e.Kind == LedgerEntryKind.OrderCharge));
        Assert.Equal(60, await db.Orders.CountAsync(o => o.MerchantId == merchant.Id));
        Assert.Equal(1, await db.Customers.CountAsync(c => c.MerchantId == merchant.Id));
        // Each entry's running balance follows from the one before it.
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].BalanceAfterMinor + entries[i].AmountMinor, entries[i].BalanceAfterMinor);
        }
    }
}
