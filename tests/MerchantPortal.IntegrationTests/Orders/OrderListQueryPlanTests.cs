using MerchantPortal.Data;
using MerchantPortal.IntegrationTests.Data;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>
/// A merchant's orders newest first (the API's list, first and deeper pages, with or without a status) are read
/// from an index in that order: SQLite must not collect and sort the merchant's whole history for one page.
/// </summary>
public sealed class OrderListQueryPlanTests : CoreServiceTest
{
    [Fact]
    public async Task A_merchants_newest_orders_come_from_the_merchant_and_number_index()
    {
        var merchant = (await Host.Catalog.MerchantAsync()).Id;
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var mine = db.Orders.Where(o => o.MerchantId == merchant);

        var firstPage = await QueryPlan.LinesAsync(db, mine.OrderByDescending(o => o.Number).Take(11));
        var deepPage = await QueryPlan.LinesAsync(db, mine.Where(o => o.Number < 500_000).OrderByDescending(o => o.Number).Take(11));

        Assert.All([firstPage, deepPage], plan =>
        {
            Assert.Contains(plan, line => line.Contains("IX_Orders_MerchantId_Number", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task A_merchants_newest_orders_of_one_status_come_from_the_merchant_status_and_number_index()
    {
        var merchant = (await Host.Catalog.MerchantAsync()).Id;
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();

        var plan = await QueryPlan.LinesAsync(db, db.Orders
            .Where(o => o.MerchantId == merchant && o.Status == OrderStatus.Cancelled)
            .OrderByDescending(o => o.Number).Take(11));

        Assert.Contains(plan, line => line.Contains("IX_Orders_MerchantId_Status_Number", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }
}
