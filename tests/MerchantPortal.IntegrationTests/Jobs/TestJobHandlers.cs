using System.Collections.Concurrent;
using MerchantPortal.Jobs;

namespace MerchantPortal.IntegrationTests.Jobs;

/// <summary>A job type whose jobs run until the test opens the gate (or their token is cancelled); it counts who runs.</summary>
internal sealed class GatedJobHandler(string jobType, bool open = false) : IJobHandler
{
    private readonly TaskCompletionSource _gate = NewGate(open);
    private int _running;
    private int _maxRunning;

    public string JobType => jobType;

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public ConcurrentQueue<string> Finished { get; } = new();

    public TaskCompletionSource<string> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        try
        {
            await _gate.Task.WaitAsync(ct);
            Finished.Enqueue(payload);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Cancelled.TrySetResult(payload);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>A job type that always fails, optionally asking for a retry time, optionally with its own retry policy.</summary>
internal sealed class FailingJobHandler(string jobType, TimeSpan? retryAfter = null, IJobRetryPolicy? policy = null) : IJobHandler
{
    public string JobType => jobType;

    public IJobRetryPolicy? RetryPolicy => policy;

    public Task HandleAsync(string payload, CancellationToken ct) => throw (retryAfter is { } after
        ? new JobRetryException(after, "The endpoint answered 429 Too Many Requests.")
        : new InvalidOperationException("The endpoint is down."));
}
