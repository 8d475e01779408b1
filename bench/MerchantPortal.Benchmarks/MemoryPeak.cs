using System.Diagnostics;

namespace MerchantPortal.Benchmarks;

/// <summary>Samples the managed heap and the process working set while a measured block runs, and keeps the peaks.</summary>
internal sealed class MemoryPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private MemoryPeak()
    {
        _sampling = Task.Run(SampleAsync);
    }

    public long ManagedHeapBytes { get; private set; }

    public long WorkingSetBytes { get; private set; }

    public static MemoryPeak Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return new MemoryPeak();
    }

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            process.Refresh();
            ManagedHeapBytes = Math.Max(ManagedHeapBytes, GC.GetTotalMemory(forceFullCollection: false));
            WorkingSetBytes = Math.Max(WorkingSetBytes, process.WorkingSet64);
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
