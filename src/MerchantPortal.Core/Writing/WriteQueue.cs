using System.Threading.Channels;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Writing;

/// <summary>
/// The single writer with group commit: callers prepare their work outside any lock and queue it here; one loop
/// takes every write waiting at that moment and runs them all in one transaction, each in its own savepoint, so a
/// write that fails (a refused debit, a lost race) fails alone while the rest share one commit and one disk flush.
/// Callers learn their outcome only after the commit, so nothing reported was ever rolled back.
/// </summary>
public sealed class WriteQueue : IAsyncDisposable
{
    private readonly IDbContextFactory<PortalDb> _dbs;
    private readonly ILogger<WriteQueue> _logger;
    private readonly int _maxBatch;
    private readonly Channel<QueuedWrite> _queue;
    private readonly Task _loop;

    public WriteQueue(IDbContextFactory<PortalDb> dbs, IOptions<WriteQueueOptions> options, ILogger<WriteQueue> logger)
    {
        (_dbs, _logger, _maxBatch) = (dbs, logger, Math.Max(1, options.Value.MaxBatch));
        _queue = Channel.CreateBounded<QueuedWrite>(new BoundedChannelOptions(Math.Max(1, options.Value.Capacity)) { SingleReader = true });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in the next batch and returns its result once committed; when
    /// <paramref name="keep"/> says no, its changes are rolled back and the result is returned all the same. An
    /// exception thrown by the write rolls back its changes and reaches the caller. Once queued, the write is no
    /// longer cancelled by <paramref name="ct"/> unless its turn has not come yet: the caller always learns whether
    /// it happened.
    /// </summary>
    public async Task<T> WriteAsync<T>(
        Func<PortalDb, WriteBatch, CancellationToken, Task<T>> write, Func<T, bool> keep, CancellationToken ct = default)
    {
        var queued = new QueuedWrite<T>(write, keep, ct);
        await _queue.Writer.WriteAsync(queued, ct);
        return await queued.Outcome;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<QueuedWrite>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write))
            {
                if (write.Abandoned)
                {
                    write.Fail(new OperationCanceledException("The caller gave up before the write's turn; nothing was written."));
                }
                else
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<QueuedWrite> writes)
    {
        var failures = new Exception?[writes.Count];
        try
        {
            await using var db = await _dbs.CreateDbContextAsync();
            db.Database.AutoSavepointsEnabled = false; // each write has its savepoint already
            await using var tx = await db.Database.BeginTransactionAsync();
            var batch = new WriteBatch(db);
            for (var i = 0; i < writes.Count; i++)
            {
                var savepoint = $"write_{i}";
                await tx.CreateSavepointAsync(savepoint);
                batch.Checkpoint();
                bool kept;
                try
                {
                    kept = await writes[i].RunAsync(db, batch, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    (kept, failures[i]) = (false, ex);
                }

                if (kept)
                {
                    await tx.ReleaseSavepointAsync(savepoint);
                }
                else
                {
                    await tx.RollbackToSavepointAsync(savepoint);
                    batch.Undo();
                }

                db.ChangeTracker.Clear();
            }

            await batch.FinishAsync(CancellationToken.None);
            await tx.CommitAsync();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A batch of {Count} writes failed; all of them were rolled back.", writes.Count);
            writes.ForEach(w => w.Fail(ex));
            return;
        }

        for (var i = 0; i < writes.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                writes[i].Fail(failure);
            }
            else
            {
                writes[i].Complete();
            }
        }
    }
}
