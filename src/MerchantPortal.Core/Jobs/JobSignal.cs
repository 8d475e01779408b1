namespace MerchantPortal.Jobs;

/// <summary>Wakes this instance's job lanes when a job was just enqueued, so they need not wait for the next poll.</summary>
public sealed class JobSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the first <see cref="Notify"/> after it was read: read it before looking for jobs, then wait on it.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
