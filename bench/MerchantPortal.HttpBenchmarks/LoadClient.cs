using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>What one load run measured: requests answered as expected, the others, and every latency.</summary>
internal sealed record LoadResult(int Connections, TimeSpan Duration, int Succeeded, int Failed, double[] LatenciesMs, string? FirstError)
{
    public double PerSecond => Succeeded / Duration.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(rank, 0, LatenciesMs.Length - 1)];
    }
}

/// <summary>
/// A closed-loop load: a fixed number of connections, each sending its next request as soon as the last one is
/// answered, for a fixed time. One <see cref="HttpClient"/> with exactly that many connections.
/// </summary>
internal static class LoadClient
{
    /// <summary>
    /// Sends requests built by <paramref name="request"/> (connection c's n-th) over <paramref name="connections"/>
    /// connections for <paramref name="duration"/>; a request answered with <paramref name="expected"/> counts as done.
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        Uri root, string? bearer, int connections, TimeSpan duration, Func<int, int, HttpRequestMessage> request, HttpStatusCode expected)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var failed = 0;
        string? firstError = null;
        var latencies = new List<double>[connections];
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            for (var n = 0; watch.Elapsed < duration; n++)
            {
                using var message = request(c, n);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (response.StatusCode == expected)
                    {
                        mine.Add(elapsed);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        var body = await response.Content.ReadAsStringAsync();
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}", null);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsedTotal = watch.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(connections, elapsedTotal, all.Length, failed, all, firstError);
    }
}
