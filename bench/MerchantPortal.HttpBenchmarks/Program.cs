using System.Globalization;
using MerchantPortal.HttpBenchmarks;

if (args.FirstOrDefault() == CeilingApp.Command)
{
    return await CeilingApp.RunAsync(args[1..]);
}

const string Usage =
    "Usage: dotnet run -c Release --project bench/MerchantPortal.HttpBenchmarks -- [--orders 1000000] [--seconds 20] [--read-seconds 5] " +
    "[--connections 8,32] [--browser-contexts 100] [--no-browser] [--app <published folder>] [--keep]";
var options = HarnessOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

return await new Harness(options).RunAsync();

internal sealed record HarnessOptions(int Orders, int Seconds, int ReadSeconds, int[] Connections, int BrowserContexts, string? App, bool Keep)
{
    public static HarnessOptions? Parse(string[] args)
    {
        string[] known = ["--orders", "--seconds", "--read-seconds", "--connections", "--browser-contexts", "--no-browser", "--app", "--keep"];
        var unknown = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && !known.Contains(a)).ToList();
        unknown.ForEach(a => Console.Error.WriteLine($"Unknown option {a}."));
        var orders = Number(args, "--orders", 1_000_000, minimum: 0);
        var seconds = Number(args, "--seconds", 20, minimum: 1);
        var readSeconds = Number(args, "--read-seconds", 5, minimum: 1);
        // --no-browser skips the portal in a browser altogether (0 contexts).
        var browserContexts = args.Contains("--no-browser") ? 0 : Number(args, "--browser-contexts", 100, minimum: 1);
        var connections = Value(args, "--connections") is { } list
            ? list.Split(',').Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0).ToArray()
            : [8, 32];
        if (connections.Length == 0 || connections.Contains(0))
        {
            Console.Error.WriteLine("--connections needs whole numbers above zero, separated by commas, e.g. 8,32.");
            return null;
        }

        return orders is null || seconds is null || readSeconds is null || browserContexts is null || unknown.Count > 0
            ? null
            : new HarnessOptions(orders.Value, seconds.Value, readSeconds.Value, connections, browserContexts.Value, Value(args, "--app"), args.Contains("--keep"));
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int? Number(string[] args, string name, int fallback, int minimum)
    {
        if (Array.IndexOf(args, name) < 0)
        {
            return fallback;
        }

        if (int.TryParse(Value(args, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        Console.Error.WriteLine($"{name} needs a whole number of at least {minimum:N0}.");
        return null;
    }
}
