using Microsoft.Extensions.Logging;

namespace MerchantPortal.Jobs;

/// <summary>
/// One job type's share of an instance's worker: it runs up to the type's concurrency of jobs at once and
/// claims more as they finish, so a slow type (a webhook endpoint that takes 15 s) never holds up another.
/// </summary>
internal sealed class JobLane(string type, int concurrency, JobClaims claims, JobRunner runner, JobSignal signal, JobOptions options, ILogger logger)
{
    public async Task RunAsync(string workerId, CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        try
        {
            while (true)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < concurrency && slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                var woken = signal.Next;
                var claimed = await ClaimAsync(workerId, free, slots, stoppingToken);
                foreach (var job in claimed)
                {
                    _ = Task.Run(() => RunOneAsync(workerId, job, slots, stoppingToken), CancellationToken.None);
                }

                if (claimed.Count < free)
                {
                    // Nothing more is due: sleep until a job is enqueued here or the next poll (for other instances' jobs).
                    await Task.WhenAny(woken, Task.Delay(options.PollInterval, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the running jobs' handlers were cancelled; wait until each has given its slot back.
            for (var i = 0; i < concurrency; i++)
            {
                await slots.WaitAsync(CancellationToken.None);
            }
        }
    }

    public override string ToString() => $"{type} ×{concurrency}";

    /// <summary>Claims up to <paramref name="free"/> jobs and gives back the slots it did not fill.</summary>
    private async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string workerId, int free, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        IReadOnlyList<ClaimedJob> claimed = [];
        try
        {
            claimed = await claims.ClaimAsync(workerId, type, free, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The background worker could not claim {JobType} jobs; retrying.", type);
        }
        finally
        {
            if (free > claimed.Count)
            {
                slots.Release(free - claimed.Count);
            }
        }

        return claimed;
    }

    private async Task RunOneAsync(string workerId, ClaimedJob job, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(workerId, job, stoppingToken);
        }
        catch (Exception ex)
        {
            // When stopping, the lease simply expires and another instance (or this one, restarted) runs the job again.
            if (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Job {JobId} ({JobType}) could not be recorded; it runs again when its lease expires.", job.Id, job.Type);
            }
        }
        finally
        {
            slots.Release();
        }
    }
}
