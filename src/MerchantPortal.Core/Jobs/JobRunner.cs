using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Jobs;

/// <summary>
/// Runs claimed outbox jobs (<see cref="JobClaims"/>) with their handlers, keeping the lease while a handler
/// works (<see cref="LeaseKeeper"/>). A failure is retried by the job type's policy — configured delays, the
/// handler's own policy, or the default backoff — or at the time the handler asked for
/// (<see cref="JobRetryException"/>); when the policy gives up, the job is marked failed.
/// </summary>
public sealed class JobRunner(
    JobClaims claims,
    IEnumerable<IJobHandler> handlers,
    IOptions<JobOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger)
{
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.JobType);

    /// <summary>The job types this instance has handlers for; jobs of other types wait for an instance that has.</summary>
    public IReadOnlyCollection<string> JobTypes => _handlers.Keys;

    /// <summary>
    /// One pass over every job type, running the claimed jobs one after another (tests use it; the worker runs
    /// types side by side in <see cref="JobLane"/>s); returns how many were claimed.
    /// </summary>
    public Task<int> RunDueJobsAsync(string workerId, CancellationToken ct) => RunDueJobsAsync(workerId, sideBySide: false, ct);

    /// <param name="workerId">Who holds the claimed jobs' leases.</param>
    /// <param name="sideBySide">Run each type's claimed jobs (up to its concurrency) at once, as a worker's lane does.</param>
    /// <param name="ct">Stops claiming and running.</param>
    public async Task<int> RunDueJobsAsync(string workerId, bool sideBySide, CancellationToken ct)
    {
        var count = 0;
        foreach (var type in _handlers.Keys)
        {
            var claimed = await claims.ClaimAsync(workerId, type, options.Value.ConcurrencyOf(type), ct);
            if (sideBySide)
            {
                await Task.WhenAll(claimed.Select(job => RunAsync(workerId, job, ct)));
            }
            else
            {
                foreach (var job in claimed)
                {
                    await RunAsync(workerId, job, ct);
                }
            }

            count += claimed.Count;
        }

        return count;
    }

    /// <summary>Runs a claimed job and records the outcome, if this worker still holds its lease.</summary>
    public async Task RunAsync(string workerId, ClaimedJob job, CancellationToken ct)
    {
        var handler = _handlers.GetValueOrDefault(job.Type)
            ?? throw new InvalidOperationException($"No handler for job type '{job.Type}'; only claim types in {nameof(JobTypes)}.");
        var run = JobRun.Begin(claims, workerId, job.Id);
        await using var lease = LeaseKeeper.Start(claims, workerId, job, run, options.Value.LeaseDuration, clock, logger, ct);
        try
        {
            await handler.HandleAsync(job.Payload, lease.Token);
            if (!run.RecordedDone)
            {
                await FinishAsync(workerId, job, JobStatus.Done, null, null);
            }
        }
        catch (Exception ex) when (!lease.Token.IsCancellationRequested)
        {
            await RetryOrGiveUpAsync(workerId, job, handler, ex);
        }
        catch (Exception) when (lease.Lost)
        {
            // Another worker owns the job now; its run is the one that counts.
        }
    }

    private async Task RetryOrGiveUpAsync(string workerId, ClaimedJob job, IJobHandler handler, Exception ex)
    {
        var policy = options.Value.ConfiguredRetryPolicyOf(job.Type) ?? handler.RetryPolicy ?? ExponentialBackoff.Default(options.Value.MaxAttempts);
        var delay = policy.NextDelay(job.Attempts);
        if (delay is null)
        {
            logger.LogWarning(ex, "Job {JobId} ({JobType}) failed on attempt {Attempt}; giving up.", job.Id, job.Type, job.Attempts);
            await FinishAsync(workerId, job, JobStatus.Failed, ex.Message, null);
            return;
        }

        var retryAt = clock.GetUtcNow().UtcDateTime + (ex is JobRetryException asked ? asked.After : delay.Value);
        logger.LogWarning(ex, "Job {JobId} ({JobType}) failed on attempt {Attempt}; retrying at {RetryAt:u}.", job.Id, job.Type, job.Attempts, retryAt);
        await FinishAsync(workerId, job, JobStatus.Pending, ex.Message, retryAt);
    }

    private async Task FinishAsync(string workerId, ClaimedJob job, JobStatus status, string? error, DateTime? retryAt)
    {
        // The outcome is written even while the app stops: the work is done, only the record is left.
        if (!await claims.FinishAsync(workerId, job.Id, status, error, retryAt, CancellationToken.None))
        {
            logger.LogWarning("Job {JobId}: the lease of worker {WorkerId} had expired; another worker owns the job now.", job.Id, workerId);
        }
    }
}
