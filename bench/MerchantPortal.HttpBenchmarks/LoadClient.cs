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

        return await ClosedLoop.RunAsync(connections, duration, async (c, n) =>
        {
            using var message = request(c, n);
            try
            {
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode == expected)
                {
                    return null;
                }

                var body = await response.Content.ReadAsStringAsync();
                return $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return ex.Message;
            }
        });
    }
}
