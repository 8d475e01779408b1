using Microsoft.Extensions.Logging;

namespace MerchantPortal.Jobs;

/// <summary>
/// Keeps a running job's lease while its handler works: every third of the lease it extends the lease, and
/// when it finds that another worker owns the job now, it cancels the handler's token — the other worker's
/// run counts, this one must stop.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keeping;

    private LeaseKeeper(
        JobClaims claims, string workerId, ClaimedJob job, JobRun run, TimeSpan interval, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        _handler = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _keeping = KeepAsync(claims, workerId, job, run, interval, clock, logger);
    }

    /// <summary>The handler's token: cancelled when the app stops or the lease was lost.</summary>
    public CancellationToken Token => _handler.Token;

    public bool Lost { get; private set; }

    public static LeaseKeeper Start(
        JobClaims claims, string workerId, ClaimedJob job, JobRun run, TimeSpan leaseDuration, TimeProvider clock, ILogger logger, CancellationToken ct) =>
        new(claims, workerId, job, run, leaseDuration / 3, clock, logger, ct);

    private async Task KeepAsync(JobClaims claims, string workerId, ClaimedJob job, JobRun run, TimeSpan interval, TimeProvider clock, ILogger logger)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                // Most runs end before the first renewal: stopping the wait is the usual end, not an error to throw.
                await Task.Delay(interval, clock, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (_stop.IsCancellationRequested || run.RecordedDone)
                {
                    return;
                }

                // A handler's own write may have recorded the job done meanwhile: that ended the lease, nothing was lost.
                if (!await claims.RenewAsync(workerId, job.Id, _stop.Token) && !run.RecordedDone)
                {
                    Lost = true;
                    logger.LogWarning("Job {JobId} ({JobType}): worker {WorkerId} lost the lease; stopping its run.", job.Id, job.Type, workerId);
                    await _handler.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly unavailable; the lease still has two thirds left, so try again.
                logger.LogWarning(ex, "Job {JobId}: renewing the lease failed; trying again.", job.Id);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keeping;
        _stop.Dispose();
        _handler.Dispose();
    }
}
