using MerchantPortal.Dashboard;
using MerchantPortal.Data;
using MerchantPortal.IntegrationTests.Data;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Dashboard;

/// <summary>
/// The needing-attention query must read only orders in its statuses, not the whole order history. SQLite uses
/// the partial index on those statuses only when the query repeats the index's condition, so this pins the two together.
/// </summary>
public sealed class DashboardQueryPlanTests : CoreServiceTest
{
    [Fact]
    public async Task Orders_needing_attention_are_found_without_reading_the_whole_history()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var stuckBefore = DateTime.UtcNow;

        var everyone = DashboardService.NeedingAttention(db.Orders, stuckBefore).OrderByDescending(o => o.Number);
        var oneMerchant = DashboardService.NeedingAttention(db.Orders.Where(o => o.MerchantId == merchant.Id), stuckBefore)
            .OrderByDescending(o => o.Number);

        Assert.Equal("SCAN o USING INDEX IX_Orders_NeedingAttention", await QueryPlan.OrdersAccessAsync(db, everyone));
        // One merchant's: from the merchant's own partial index, not by walking the merchant's history by number.
        Assert.Equal("SEARCH o USING INDEX IX_Orders_MerchantNeedingAttention (MerchantId=?)", await QueryPlan.OrdersAccessAsync(db, oneMerchant));
    }
}
