using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Jobs;

/// <summary>
/// Claims due outbox jobs with a lease (one conditional update per job, so two workers never hold the
/// same job) and runs their handlers. A job whose lease expired — its worker crashed or hung — is due
/// again. Failures are retried with exponential backoff, then marked failed.
/// </summary>
public sealed class JobRunner(
    IDbContextFactory<PortalDb> dbs,
    IEnumerable<IJobHandler> handlers,
    IOptions<JobOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger)
{
    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.JobType);

    /// <summary>Claims a batch of due jobs for <paramref name="workerId"/> and runs them; returns how many were claimed.</summary>
    public async Task<int> RunDueJobsAsync(string workerId, CancellationToken ct)
    {
        var claimed = await ClaimAsync(workerId, ct);
        foreach (var job in claimed)
        {
            await RunAsync(workerId, job, ct);
        }

        return claimed.Count;
    }

    /// <summary>Takes the lease on up to a batch of due jobs.</summary>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string workerId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseEnd = now + options.Value.LeaseDuration;
        var candidates = await db.OutboxJobs.AsNoTracking()
            .Where(j => (j.Status == JobStatus.Pending && j.AvailableAt <= now) || (j.Status == JobStatus.Running && j.LeaseExpiresAt < now))
            .OrderBy(j => j.Id)
            .Select(j => j.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);

        var claimed = new List<ClaimedJob>();
        foreach (var id in candidates)
        {
            var won = await db.OutboxJobs
                .Where(j => j.Id == id
                    && ((j.Status == JobStatus.Pending && j.AvailableAt <= now) || (j.Status == JobStatus.Running && j.LeaseExpiresAt < now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.LeaseOwner, workerId)
                    .SetProperty(j => j.LeaseExpiresAt, leaseEnd)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
            if (won == 1)
            {
                claimed.Add(await db.OutboxJobs.AsNoTracking()
                    .Where(j => j.Id == id)
                    .Select(j => new ClaimedJob(j.Id, j.Type, j.Payload, j.Attempts))
                    .SingleAsync(ct));
            }
        }

        return claimed;
    }

    /// <summary>Runs a claimed job and records the outcome, if this worker still holds its lease.</summary>
    public async Task RunAsync(string workerId, ClaimedJob job, CancellationToken ct)
    {
        try
        {
            if (!_handlers.TryGetValue(job.Type, out var handler))
            {
                throw new InvalidOperationException($"No handler for job type '{job.Type}'.");
            }

            await handler.HandleAsync(job.Payload, ct);
            await FinishAsync(workerId, job.Id, JobStatus.Done, null, null, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var giveUp = job.Attempts >= options.Value.MaxAttempts;
            logger.LogWarning(ex, "Job {JobId} ({JobType}) failed on attempt {Attempt}{Outcome}.",
                job.Id, job.Type, job.Attempts, giveUp ? "; giving up" : "; will retry");
            var retryAt = clock.GetUtcNow().UtcDateTime + Backoff(job.Attempts);
            await FinishAsync(workerId, job.Id, giveUp ? JobStatus.Failed : JobStatus.Pending, ex.Message, retryAt, CancellationToken.None);
        }
    }

    /// <summary>5 s, 10 s, 20 s … up to 10 minutes.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    private async Task FinishAsync(string workerId, long jobId, JobStatus status, string? error, DateTime? retryAt, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var message = error is { Length: > 2000 } ? error[..2000] : error;
        var updated = await db.OutboxJobs
            .Where(j => j.Id == jobId && j.Status == JobStatus.Running && j.LeaseOwner == workerId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(j => j.LastError, message)
                .SetProperty(j => j.AvailableAt, j => retryAt ?? j.AvailableAt)
                .SetProperty(j => j.CompletedAt, status == JobStatus.Done ? now : null), ct);
        if (updated == 0)
        {
            logger.LogWarning("Job {JobId}: the lease of worker {WorkerId} had expired; another worker owns the job now.", jobId, workerId);
        }
    }
}

/// <summary>A job this worker holds the lease on.</summary>
public sealed record ClaimedJob(long Id, string Type, string Payload, int Attempts);
