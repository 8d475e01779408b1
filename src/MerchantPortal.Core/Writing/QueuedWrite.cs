using MerchantPortal.Data;

namespace MerchantPortal.Writing;

/// <summary>One caller's unit of work waiting in the <see cref="WriteQueue"/>, and how its caller learns the outcome.</summary>
internal abstract class QueuedWrite(CancellationToken callerToken)
{
    /// <summary>The caller gave up before its turn: the write is skipped.</summary>
    public bool Abandoned => callerToken.IsCancellationRequested;

    /// <summary>Writes and saves this unit's changes; false when they must be rolled back (it failed alone).</summary>
    public abstract Task<bool> RunAsync(PortalDb db, WriteBatch batch, CancellationToken ct);

    /// <summary>The batch committed: hands the caller the outcome <see cref="RunAsync"/> built.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception error);
}

internal sealed class QueuedWrite<T>(
    Func<PortalDb, WriteBatch, CancellationToken, Task<T>> write, Func<T, bool> keep, CancellationToken callerToken)
    : QueuedWrite(callerToken)
{
    private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Outcome => _outcome.Task;

    public override async Task<bool> RunAsync(PortalDb db, WriteBatch batch, CancellationToken ct)
    {
        _result = await write(db, batch, ct);
        return keep(_result);
    }

    public override void Complete() => _outcome.TrySetResult(_result!);

    public override void Fail(Exception error) => _outcome.TrySetException(error);
}
