using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MerchantPortal.HttpBenchmarks;

/// <summary>
/// A server as its own process on a free loopback port — the published app, or this harness's ceiling app — started
/// and waited for until <c>/health</c> answers 200, then killed at the end.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    // USER_HZ, the unit of /proc/pid/stat's times: 100 on every Linux build that matters here.
    private const int ClockTicksPerSecond = 100;

    private readonly Process _process;

    private ServerProcess(Process process, Uri rootUri, TimeSpan startup)
    {
        _process = process;
        RootUri = rootUri;
        Startup = startup;
    }

    public Uri RootUri { get; }

    /// <summary>From starting the process to the first healthy answer.</summary>
    public TimeSpan Startup { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> and <c>--urls http://127.0.0.1:port</c>.</summary>
    public static async Task<ServerProcess> StartAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var root = new Uri($"http://127.0.0.1:{port}/");
        var output = new List<string>();
        // Read the output as it comes, so the server never blocks on a full pipe; kept to explain a failed start.
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilHealthyAsync(process, root);
        }
        catch
        {
            lock (output)
            {
                Console.Error.WriteLine(string.Join('\n', output.TakeLast(40)));
            }

            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ServerProcess(process, root, watch.Elapsed);
    }

    /// <summary>The process's peak resident set (VmHWM in /proc/pid/status), in bytes; null where /proc is missing.</summary>
    public long? PeakResidentBytes() => Status("VmHWM:");

    /// <summary>The process's resident set now (VmRSS in /proc/pid/status), in bytes; null where /proc is missing.</summary>
    public long? ResidentBytes() => Status("VmRSS:");

    /// <summary>
    /// CPU time the process has used so far, user and system (utime + stime in /proc/pid/stat); null where /proc is
    /// missing. Unlike a rate, CPU per order hardly moves when other work shares the machine.
    /// </summary>
    public TimeSpan? CpuTime()
    {
        var stat = $"/proc/{_process.Id}/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    private long? Status(string field)
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Keep(List<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilHealthyAsync(Process process, Uri root)
    {
        using var client = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} before it was healthy.");
            }

            try
            {
                using var response = await client.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or starting slowly.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The server was not healthy within three minutes.");
    }
}
