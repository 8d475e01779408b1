using MerchantPortal.Data;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Data;

/// <summary>SQLite's plan for an EF Core query over the orders (alias "o"), read with EXPLAIN QUERY PLAN.</summary>
internal static class QueryPlan
{
    /// <summary>How the plan reads the Orders table (the line for alias "o").</summary>
    public static async Task<string> OrdersAccessAsync(PortalDb db, IQueryable<Order> query) =>
        (await LinesAsync(db, query)).Single(line => line.StartsWith("SCAN o ", StringComparison.Ordinal)
            || line.StartsWith("SEARCH o ", StringComparison.Ordinal)
            || line == "SCAN o");

    public static async Task<List<string>> LinesAsync(PortalDb db, IQueryable<Order> query)
    {
        // Parameters left unbound are NULL, which does not change the plan.
        var sql = string.Join('\n', query.ToQueryString().Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        return await LinesOfSqlAsync(db, sql);
    }

    /// <summary>The plan of a command's text as EF Core sent it (its parameters unbound).</summary>
    public static async Task<List<string>> LinesOfSqlAsync(PortalDb db, string sql)
    {
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
