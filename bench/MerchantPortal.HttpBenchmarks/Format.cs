using System.Globalization;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>How the harness writes its figures, in the lines it prints and in the table.</summary>
internal static class Format
{
    public static string Percentiles(LoadResult r) => $"{Ms(r.Percentile(50))} / {Ms(r.Percentile(95))} / {Ms(r.Percentile(99))}";

    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(double value) => value.ToString(value < 100 ? "N1" : "N0", CultureInfo.InvariantCulture);

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

    public static string Megabytes(long? bytes) => bytes is { } b ? $"{b / (1024.0 * 1024):N0} MB" : "n/a";

    public static string Kilobytes(double bytes) => $"{bytes / 1024:N0} KB";
}
