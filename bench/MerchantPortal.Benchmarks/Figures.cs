using System.Diagnostics;
using System.Globalization;

namespace MerchantPortal.Benchmarks;

/// <summary>Formatting of the figures the benchmarks print, and percentiles of measured durations.</summary>
internal static class Figures
{
    public static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double value) => value.ToString("N1", CultureInfo.InvariantCulture) + " ms";

    public static string Mb(long bytes) => (bytes / 1024d / 1024d).ToString("N0", CultureInfo.InvariantCulture) + " MB";

    public static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
