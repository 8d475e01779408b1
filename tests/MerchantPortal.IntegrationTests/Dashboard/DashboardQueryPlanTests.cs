using MerchantPortal.Dashboard;
using MerchantPortal.Data;
using MerchantPortal.IntegrationTests.Data;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Dashboard;

/// <summary>
/// The needing-attention query must read only orders in its statuses, not the whole order history: each status's
/// orders from the status index, newest first. The history is the planner's worst case, every other order completed,
/// with the statistics the app keeps: SQLite (without STAT4 histograms) then takes each status for as common as
/// "completed", and an unordered count of a rare status would scan every order.
/// </summary>
public sealed class DashboardQueryPlanTests : CoreServiceTest
{
    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Processing)]
    [InlineData(OrderStatus.Partial)]
    [InlineData(OrderStatus.Failed)]
    public async Task Orders_needing_attention_are_listed_and_counted_without_reading_the_whole_history(OrderStatus status)
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, (await Host.Catalog.KeyItemAsync(codes: 1)).Id);
        await OrderCopies.AddAsync(Host.DatabasePath, 5_000, OrderCopies.Completed);
        await OrderCopies.AnalyzeAsync(Host.DatabasePath);
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var stuckBefore = DateTime.UtcNow;

        var everyone = DashboardService.NeedingAttention(db.Orders, status, stuckBefore).OrderByDescending(o => o.Number);
        var oneMerchant = DashboardService.NeedingAttention(db.Orders.Where(o => o.MerchantId == merchant.Id), status, stuckBefore)
            .OrderByDescending(o => o.Number);

        Assert.Equal("SEARCH o USING INDEX IX_Orders_Status_Number (Status=?)", await QueryPlan.OrdersAccessAsync(db, everyone.Take(10)));
        // Counted as the service counts: in number order, up to the cap.
        Assert.Equal("SEARCH o USING INDEX IX_Orders_Status_Number (Status=?)", await QueryPlan.OrdersAccessAsync(db, everyone.Take(OrderCount.Cap + 1)));
        // One merchant's: from the merchant's own status index, not by walking the merchant's history by number.
        Assert.Equal("SEARCH o USING INDEX IX_Orders_MerchantId_Status_Number (MerchantId=? AND Status=?)",
            await QueryPlan.OrdersAccessAsync(db, oneMerchant.Take(10)));
    }
}
