using MerchantPortal.Dashboard;
using MerchantPortal.Data;
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

        Assert.Equal("SCAN o USING INDEX IX_Orders_NeedingAttention", await OrdersAccessAsync(db, everyone));
        // One merchant's: either that index or the merchant's rows in just these statuses.
        Assert.Matches(@"IX_Orders_NeedingAttention|\(MerchantId=\? AND Status=\?\)", await OrdersAccessAsync(db, oneMerchant));
    }

    /// <summary>How SQLite's plan reads the Orders table (the line for alias "o").</summary>
    private static async Task<string> OrdersAccessAsync(PortalDb db, IQueryable<Order> query) =>
        (await PlanAsync(db, query)).Single(line => line.StartsWith("SCAN o ", StringComparison.Ordinal)
            || line.StartsWith("SEARCH o ", StringComparison.Ordinal)
            || line == "SCAN o");

    private static async Task<List<string>> PlanAsync(PortalDb db, IQueryable<Order> query)
    {
        // Parameters left unbound are NULL, which does not change the plan.
        var sql = string.Join('\n', query.ToQueryString().Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var details = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetString(3));
        }

        return details;
    }
}
