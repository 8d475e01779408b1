using System.Globalization;
using MerchantPortal.Benchmarks;

const string Usage =
    "Usage: dotnet run -c Release --project bench/MerchantPortal.Benchmarks -- [--orders 1000000] [--placements 2000] [--callers 8] [--keep-database]";
var orders = Option("--orders", 1_000_000, minimum: 1);
var placements = Option("--placements", 2_000, minimum: 2);
var callers = Option("--callers", 8, minimum: 1);
string[] known = ["--orders", "--placements", "--callers", "--keep-database"];
var unknown = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && !known.Contains(a)).ToList();
unknown.ForEach(a => Console.Error.WriteLine($"Unknown option {a}."));
if (orders is null || placements is null || callers is null || unknown.Count > 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

Console.WriteLine($"Merchant Portal benchmarks: SQLite file, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
await using var host = await BenchmarkHost.StartAsync(keepDatabase: args.Contains("--keep-database"));

await new PlacementBenchmark(host).RunAsync(sequential: placements.Value / 2, parallel: placements.Value - placements.Value / 2, callers.Value);

// The history grows by doubling the genuine orders just placed; it is measured at every tenfold step and at the end.
var multiplier = new OrderHistoryMultiplier(host);
var history = new OrderHistoryBenchmark(host);
long count = placements.Value;
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
return 0;

// The value after the option's name, or the fallback when the option is absent; null (with the reason printed) when invalid.
int? Option(string name, int fallback, int minimum)
{
    var index = Array.IndexOf(args, name);
    if (index < 0)
    {
        return fallback;
    }

    if (index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum)
    {
        return value;
    }

    Console.Error.WriteLine($"{name} needs a whole number of at least {minimum:N0}.");
    return null;
}
