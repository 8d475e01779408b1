using System.Diagnostics;
using MerchantPortal.Identity;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Customers;
using MerchantPortal.Jobs;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Orders;

namespace MerchantPortal.Benchmarks;

/// <summary>
/// Balance orders placed through <see cref="OrderPlacementService"/> one after another and from parallel callers,
/// then fulfilled by the job runner: the latency of a placement, and orders per second end to end.
/// </summary>
internal sealed class PlacementBenchmark(BenchmarkHost host)
{
    private static readonly Actor Admin = Actor.User("benchmark", "Benchmark", null, Roles.Admin);

    public async Task RunAsync(int sequential, int parallel, int callers)
    {
        var (merchant, item) = await SetUpAsync(sequential + parallel);
        var orders = host.Get<OrderPlacementService>();
        var actor = Actor.User("benchmark", "Benchmark", merchant.Id, Roles.Merchant);

        var latencies = new List<double>(sequential);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < sequential; i++)
        {
            latencies.Add(await Figures.TimeAsync(() => PlaceAsync(orders, merchant, item, actor, i)));
        }

        var sequentialSeconds = watch.Elapsed.TotalSeconds;
        latencies.Sort();
        Console.WriteLine($"Placement, one caller: {Figures.Count(sequential)} orders, {Figures.Count(sequential / sequentialSeconds)} orders/s, " +
                          $"p50 {Figures.Ms(Figures.Percentile(latencies, 50))}, p95 {Figures.Ms(Figures.Percentile(latencies, 95))}, " +
                          $"p99 {Figures.Ms(Figures.Percentile(latencies, 99))}");

        var next = sequential - 1;
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < sequential + parallel)
            {
                await PlaceAsync(orders, merchant, item, actor, n);
            }
        })));
        Console.WriteLine($"Placement, {callers} parallel callers: {Figures.Count(parallel)} orders, " +
                          $"{Figures.Count(parallel / watch.Elapsed.TotalSeconds)} orders/s");

        watch.Restart();
        var runner = host.Get<JobRunner>();
        var jobs = 0;
        int ran;
        while ((ran = await runner.RunDueJobsAsync("benchmark", CancellationToken.None)) > 0)
        {
            jobs += ran;
        }

        Console.WriteLine($"Fulfilment, one worker: {Figures.Count(jobs)} jobs, {Figures.Count(jobs / watch.Elapsed.TotalSeconds)} jobs/s");
    }

    private static async Task PlaceAsync(OrderPlacementService orders, MerchantSummary merchant, CatalogItem item, Actor actor, int n)
    {
        var line = new PlaceOrderLine(item.Id, null, new Dictionary<string, string?> { ["account_id"] = $"player{n}" });
        var placed = await orders.PlaceAsync(new PlaceOrder(
            merchant.Id, new CustomerRef(Email: $"customer{n % 5000}@example.com", Name: CustomerName(n % 5000)), [line], PaymentChoice.Balance, OrderSource.Api,
            MerchantOrderId: $"BENCH-{n}"), actor);
        if (!placed.Succeeded)
        {
            throw new InvalidOperationException($"{placed.Error!.Code}: {placed.Error.Message}");
        }
    }

    // 20 first names × 25 last names: a full name belongs to one customer in 500, a last name to one in 25 (search figures).
    private static readonly string[] FirstNames =
        ["Amara", "Bruno", "Chen", "Dana", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jonas", "Kira", "Luca", "Mina", "Nils", "Olga", "Pavel",
         "Rosa", "Sami", "Tara", "Uma"];

    private static readonly string[] LastNames =
        ["Haddad", "Castell", "Okafor", "Lindqvist", "Moreau", "Novak", "Petrov", "Quinn", "Rossi", "Silva", "Tanaka", "Ueda", "Varga",
         "Weber", "Xu", "Yilmaz", "Zeller", "Abara", "Berg", "Costa", "Dietrich", "Eklund", "Fischer", "Garcia", "Horvat"];

    internal static string CustomerName(int customer) => $"{FirstNames[customer % FirstNames.Length]} {LastNames[customer / FirstNames.Length % LastNames.Length]}";

    private async Task<(MerchantSummary Merchant, CatalogItem Item)> SetUpAsync(int orderCount)
    {
        var merchant = Expect(await host.Get<MerchantService>().CreateAsync(new CreateMerchant("Benchmark Games", "USD"), Admin));
        Expect(await host.Get<LedgerService>().AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, 15m * orderCount, "Benchmark deposit", "benchmark-deposit", LargeAmountConfirmed: true), Admin));
        var item = Expect(await host.Get<CatalogService>().CreateAsync(
            new SaveCatalogItem("BENCH-RECOVERY", "Account recovery", null, ProductType.Service, "USD", UnitPriceMinor: 1500,
                Fields: [new ItemField { Key = "account_id", Label = "Account id", Type = FieldType.Text, MaxLength = 40 }]),
            Admin)).Item;
        return (merchant, item);
    }

    private static T Expect<T>(Common.Result<T> result) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException($"{result.Error!.Code}: {result.Error.Message}");
}
