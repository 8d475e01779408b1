using System.Globalization;
using MerchantPortal.Benchmarks;

// Usage: dotnet run -c Release --project bench/MerchantPortal.Benchmarks -- [--orders 1000000] [--placements 2000] [--callers 8] [--keep-database]
var orders = Option("--orders", 1_000_000);
var placements = Option("--placements", 2_000);
var callers = Option("--callers", 8);

Console.WriteLine($"Merchant Portal benchmarks: SQLite file, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
await using var host = await BenchmarkHost.StartAsync(keepDatabase: args.Contains("--keep-database"));

await new PlacementBenchmark(host).RunAsync(sequential: placements / 2, parallel: placements - placements / 2, callers);

// The history grows by doubling the genuine orders just placed; it is measured at every tenfold step and at the end.
var multiplier = new OrderHistoryMultiplier(host);
var history = new OrderHistoryBenchmark(host);
long count = placements;
var nextReport = 10_000L;
while (count < orders)
{
    count = await multiplier.DoubleAsync();
    if (count >= nextReport && count < orders)
    {
        await history.RunAsync(count);
        nextReport *= 10;
    }
}

await history.RunAsync(count);

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
