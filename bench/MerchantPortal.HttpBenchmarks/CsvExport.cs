using System.Diagnostics;
using System.Net;
using static MerchantPortal.HttpBenchmarks.Format;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// Downloads the portal's CSV export of every order (<c>GET /orders/export.csv</c>, no filters) as the signed-in Admin,
/// reading the body as it streams and counting its lines and bytes without keeping it, while the app's resident set
/// (VmRSS) is sampled every 50 ms. The rows must be the orders in the database.
/// </summary>
internal static class CsvExport
{
    private static readonly TimeSpan Sampling = TimeSpan.FromMilliseconds(50);

    public static async Task<List<(string Figure, string Value)>> RunAsync(ServerProcess server, CookieContainer session, long ordersInDatabase)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = session, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { BaseAddress = server.RootUri, Timeout = Timeout.InfiniteTimeSpan };
        var before = server.ResidentBytes();
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(server, sampling.Token);
        var watch = Stopwatch.StartNew();
        long bytes = 0, lines = 0;
        using (var response = await client.GetAsync("orders/export.csv", HttpCompletionOption.ResponseHeadersRead))
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The export answered {(int)response.StatusCode}, not 200 (is the session signed in?).");
            }

            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }

        var elapsed = watch.Elapsed;
        await sampling.CancelAsync();
        var peakBytes = await peak;
        // One header line, then one line per order (no field of these orders holds a line break).
        var rows = lines - 1;
        var perSecond = rows / elapsed.TotalSeconds;
        Console.WriteLine($"CSV export of all orders: {Count(rows)} rows, {Megabytes(bytes)} in {Seconds(elapsed)} ({Count(perSecond)} rows/s); " +
                          $"app RSS {Megabytes(before)} before, peak {Megabytes(peakBytes)} during (VmRSS every 50 ms)");
        if (rows != ordersInDatabase)
        {
            throw new InvalidOperationException($"The export has {rows:N0} rows for {ordersInDatabase:N0} orders in the database.");
        }

        return
        [
            ($"CSV export of all {Count(rows)} orders over HTTP (rows = orders in the database)",
                $"{Count(perSecond)} rows/s; {Megabytes(bytes)} in {Seconds(elapsed)}"),
            ("app RSS during the export: before; peak (VmRSS sampled every 50 ms)", $"{Megabytes(before)}; {Megabytes(peakBytes)}"),
        ];
    }

    private static async Task<long?> SamplePeakAsync(ServerProcess server, CancellationToken stop)
    {
        long? peak = null;
        using var timer = new PeriodicTimer(Sampling);
        try
        {
            do
            {
                if (server.ResidentBytes() is { } now && (peak is null || now > peak))
                {
                    peak = now;
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
            // The download finished.
        }

        return server.ResidentBytes() is { } last && last > peak ? last : peak;
    }
}
