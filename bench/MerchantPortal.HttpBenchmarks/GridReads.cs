using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static MerchantPortal.HttpBenchmarks.Format;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// The portal's Orders grid query, <see cref="OrderQueries.PageAsync"/>, for every sort and filter the grid offers, as
/// an Admin sees it (every merchant). The grid runs it inside the Blazor circuit and no HTTP endpoint does, so the
/// harness calls the same service through the real service layer (<c>AddCore</c>) on the app's database file while
/// the app runs: the SQL, the EF Core model and the connection settings are the app's, the HTTP and circuit hops are not.
/// </summary>
internal static class GridReads
{
    private const int Callers = 8;
    private static readonly Actor Staff = Actor.User("http-benchmark", "HTTP benchmark", null, Roles.Admin);

    public static async Task<List<(string Figure, string Value)>> RunAsync(string databasePath, Seeded seeded, TimeSpan duration)
    {
        var rows = new List<(string, string)>();
        using var host = ServiceLayerHost.Build(databasePath);
        var orders = host.Services.GetRequiredService<OrderQueries>();
        foreach (var (name, query, position) in Queries(databasePath, seeded))
        {
            var page = await orders.PageAsync(query, position, Staff);
            var shown = $"{page.Items.Count} {(page.Items.Count == 1 ? "row" : "rows")}, count {(page.Count.IsCapped ? "more than " : "")}{Count(page.Count.Value)}";
            await LoopAsync(() => orders.PageAsync(query, position, Staff), TimeSpan.FromSeconds(1));
            var result = await LoopAsync(() => orders.PageAsync(query, position, Staff), duration);
            Console.WriteLine($"Grid {name} ({shown}): {Count(result.PerSecond)} requests/s, p50 {Ms(result.Percentile(50))}, " +
                              $"p99 {Ms(result.Percentile(99))}");
            rows.Add(($"grid {name}, {Callers} callers: requests/s; p99 ({shown})", $"{Count(result.PerSecond)}/s; {Ms(result.Percentile(99))}"));
        }

        return rows;
    }

    /// <summary>
    /// Each sort; each filter of the grid's filter bar (order status, payment, fulfilment, refunds, created dates, item,
    /// source, merchant); the search box by order number, whole email, name and part of an email; pages after a key
    /// half-way through the history. Dates are whole UTC days, as the grid sends them for a viewer in UTC.
    /// </summary>
    private static List<(string Name, OrderQuery Query, OrderPagePosition Position)> Queries(string databasePath, Seeded seeded)
    {
        var (middleNumber, middleTotal, middleCreated, email) = Middle(databasePath);
        var week = middleCreated.Date;
        // Part of that customer's email, from inside its name to inside its domain ("story3-42@ex" of history3-42@example.com).
        var partOfEmail = email[2..(email.IndexOf('@', StringComparison.Ordinal) + 3)];
        var first = OrderPagePosition.First;
        return
        [
            ("newest first, page 1", new OrderQuery(), first),
            ("oldest first, page 1", new OrderQuery { Sort = OrderSort.Oldest }, first),
            ("highest total first, page 1", new OrderQuery { Sort = OrderSort.TotalHighest }, first),
            ("lowest total first, page 1", new OrderQuery { Sort = OrderSort.TotalLowest }, first),
            ("status cancelled", new OrderQuery { Statuses = [OrderStatus.Cancelled] }, first),
            ("status completed or failed", new OrderQuery { Statuses = [OrderStatus.Completed, OrderStatus.Failed] }, first),
            ("status pending or processing (none left)", new OrderQuery { Statuses = [OrderStatus.Pending, OrderStatus.Processing] }, first),
            ("payment refunded", new OrderQuery { PaymentStatus = PaymentStatus.Refunded }, first),
            ("fulfilment unfulfilled", new OrderQuery { FulfillmentStatus = FulfillmentStatus.Unfulfilled }, first),
            ("refunds: any refund", new OrderQuery { Refunds = RefundFilter.Any }, first),
            ("created in one week half-way through the history", new OrderQuery { CreatedFrom = week, CreatedTo = week.AddDays(7) }, first),
            ("status completed, last 30 days", new OrderQuery { Statuses = [OrderStatus.Completed], CreatedFrom = DateTime.UtcNow.Date.AddDays(-29) }, first),
            ("item (the benchmark's key item)", new OrderQuery { ItemId = seeded.ItemId }, first),
            ("source API", new OrderQuery { Source = OrderSource.Api }, first),
            ("merchant (the benchmark's)", new OrderQuery { MerchantId = seeded.MerchantId }, first),
            ("merchant and status cancelled", new OrderQuery { MerchantId = seeded.MerchantId, Statuses = [OrderStatus.Cancelled] }, first),
            ("search by order number", new OrderQuery { Search = middleNumber.ToString(CultureInfo.InvariantCulture) }, first),
            ($"search by whole email ({email})", new OrderQuery { Search = email }, first),
            ("search by name (History Customer 42)", new OrderQuery { Search = "History Customer 42" }, first),
            ($"search by part of an email ({partOfEmail})", new OrderQuery { Search = partOfEmail }, first),
            ("search matching every customer (example.com)", new OrderQuery { Search = "example.com" }, first),
            ("newest first, page after order half-way (keyset)", new OrderQuery(), new OrderPagePosition(After: new OrderPageKey(middleNumber))),
            ("highest total first, page after order half-way (keyset)", new OrderQuery { Sort = OrderSort.TotalHighest },
                new OrderPagePosition(After: new OrderPageKey(middleNumber, middleTotal))),
            ("status cancelled, page after order half-way (keyset)", new OrderQuery { Statuses = [OrderStatus.Cancelled] },
                new OrderPagePosition(After: new OrderPageKey(middleNumber))),
        ];
    }

    /// <summary>The order half-way through the history by number: its number, total, creation time and customer's email.</summary>
    private static (long Number, long TotalMinor, DateTime CreatedAt, string Email) Middle(string databasePath)
    {
        using var db = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = """
            SELECT o.Number, o.TotalMinor, o.CreatedAt, c.Email FROM Orders o JOIN Customers c ON c.Id = o.CustomerId
            WHERE o.Number >= (SELECT MAX(Number) / 2 FROM Orders) ORDER BY o.Number LIMIT 1
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        var created = DateTime.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return (reader.GetInt64(0), reader.GetInt64(1), created, reader.GetString(3));
    }

    private static Task<LoadResult> LoopAsync(Func<Task<OrderGridPage>> call, TimeSpan duration) =>
        ClosedLoop.RunAsync(Callers, duration, async (_, _) =>
        {
            await call();
            return null;
        });
}
