using System.Diagnostics;
using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Dashboard;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using MerchantPortal.Web.Features.Orders;

namespace MerchantPortal.Benchmarks;

/// <summary>
/// The orders grid's queries, the dashboard and the CSV export (the endpoint's own writer over
/// <see cref="OrderQueries.StreamAsync"/>) at a given history size, with the time taken and the memory the
/// process peaked at while exporting, and the export's read alone. Planner statistics are refreshed first, as the app does in the background.
/// </summary>
internal sealed class OrderHistoryBenchmark(BenchmarkHost host)
{
    private static readonly Actor Staff = Actor.User("benchmark", "Benchmark", null, Roles.Admin);

    private static readonly (string Name, OrderQuery Query)[] GridQueries =
    [
        ("newest first, page 1", new OrderQuery()),
        ("highest total, page 1", new OrderQuery { Sort = OrderSort.TotalHighest }),
        ("status completed, last 30 days", new OrderQuery { Statuses = [OrderStatus.Completed], CreatedFrom = DateTime.UtcNow.AddDays(-30) }),
        ("search by customer email", new OrderQuery { Search = "customer42@example.com" }),
        // Customer text through the trigram index: a full name (1 customer in 500), a last name (1 in 25), part of an
        // email (one customer) and text every customer's email holds (the worst case: every order matches).
        ("search by full name", new OrderQuery { Search = "Amara Haddad" }),
        ("search by last name", new OrderQuery { Search = "haddad" }),
        ("search by part of an email", new OrderQuery { Search = "mer42@exa" }),
        ("search matching every customer", new OrderQuery { Search = "example.com" }),
    ];

    public async Task RunAsync(long orderCount)
    {
        await host.Get<SqliteStatistics>().RefreshAsync();
        var orders = host.Get<OrderQueries>();
        Console.WriteLine($"Orders history with {Figures.Count(orderCount)} orders:");
        foreach (var (name, query) in GridQueries)
        {
            var page = await orders.PageAsync(query, OrderPagePosition.First, Staff);
            var milliseconds = await Figures.TimeAsync(() => orders.PageAsync(query, OrderPagePosition.First, Staff));
            Console.WriteLine($"  grid {name}: {Figures.Ms(milliseconds)} ({page.Count} orders)");
        }

        // The grid's page keys are order numbers: half-way through the history, as after paging far or following a link.
        var middle = new OrderPagePosition(After: new OrderPageKey(orderCount / 2));
        await orders.PageAsync(new OrderQuery(), middle, Staff);
        Console.WriteLine($"  grid page after order {Figures.Count(orderCount / 2)} (keyset): " +
                          $"{Figures.Ms(await Figures.TimeAsync(() => orders.PageAsync(new OrderQuery(), middle, Staff)))}");
        var lastName = new OrderQuery { Search = "haddad" };
        var first = await orders.PageAsync(lastName, OrderPagePosition.First, Staff);
        var next = new OrderPagePosition(After: first.Next);
        Console.WriteLine($"  grid search by last name, page 2 (keyset): " +
                          $"{Figures.Ms(await Figures.TimeAsync(() => orders.PageAsync(lastName, next, Staff)))}");

        var dashboard = host.Get<DashboardService>();
        await dashboard.GetAsync(Staff);
        Console.WriteLine($"  dashboard (30 days, needing attention): {Figures.Ms(await Figures.TimeAsync(() => dashboard.GetAsync(Staff)))}");

        // The export's read alone (the rows through EF Core, nothing written), to tell it from the CSV writing below.
        var read = Stopwatch.StartNew();
        var rowsRead = 0L;
        await foreach (var _ in orders.StreamExportAsync(new OrderQuery(), perLine: false, Staff))
        {
            rowsRead++;
        }

        Console.WriteLine($"  CSV export's rows read, not written: {Figures.Count(rowsRead)} rows in {read.Elapsed.TotalSeconds:N1} s " +
                          $"({Figures.Count(rowsRead / read.Elapsed.TotalSeconds)} rows/s)");

        var body = new CountingStream();
        var watch = Stopwatch.StartNew();
        var peak = MemoryPeak.Start();
        long rows;
        try
        {
            rows = await OrdersCsv.WriteAsync(body, orders.StreamExportAsync(new OrderQuery(), perLine: false, Staff), perLine: false, CancellationToken.None);
        }
        finally
        {
            await peak.DisposeAsync();
        }

        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"  CSV export: {Figures.Count(rows)} rows, {Figures.Mb(body.BytesWritten)} in {seconds:N1} s " +
                          $"({Figures.Count(rows / seconds)} rows/s); peak managed heap {Figures.Mb(peak.ManagedHeapBytes)}, " +
                          $"peak working set {Figures.Mb(peak.WorkingSetBytes)}");

        if (rows != orderCount)
        {
            throw new InvalidOperationException($"The export wrote {rows} rows for {orderCount} orders.");
        }
    }
}
