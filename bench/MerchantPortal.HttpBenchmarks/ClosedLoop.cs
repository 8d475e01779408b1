using System.Diagnostics;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// A closed loop: a fixed number of callers, each making its next call as soon as the last one returned, for a fixed
/// time. A call answers null when it did what was expected, or what went wrong; only the former count and are timed.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(int callers, TimeSpan duration, Func<int, int, Task<string?>> call)
    {
        var failed = 0;
        string? firstError = null;
        var latencies = new List<double>[callers];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            for (var n = 0; watch.Elapsed < duration; n++)
            {
                var started = Stopwatch.GetTimestamp();
                if (await call(c, n) is { } error)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
                else
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        })));
        var elapsed = watch.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(callers, elapsed, all.Length, failed, all, firstError);
    }
}
