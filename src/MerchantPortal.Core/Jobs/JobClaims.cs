using MerchantPortal.Data;
using MerchantPortal.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Jobs;

/// <summary>
/// The lease on outbox jobs, as conditional updates: a claim takes a job only if it is due (pending and
/// available, or running with an expired lease), so two workers — in this instance or another — never hold
/// the same job; renewing and finishing change a job only while the worker still owns it. Each goes through the
/// <see cref="WriteQueue"/>, so the claims and outcomes of many jobs share one commit with the orders being placed.
/// </summary>
public sealed class JobClaims(WriteQueue writes, IOptions<JobOptions> options, TimeProvider clock)
{
    private const int MaxErrorLength = 2000;

    /// <summary>
    /// Takes the lease on up to <paramref name="max"/> due jobs of the type, oldest first: one look-up and one
    /// conditional update for all of them, in the write queue's next batch.
    /// </summary>
    public Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string workerId, string type, int max, CancellationToken ct) =>
        writes.WriteAsync(async (db, _, token) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var leaseEnd = now + options.Value.LeaseDuration;
            var candidates = await Due(db, type, now).OrderBy(j => j.Id).Select(j => j.Id).Take(max).ToListAsync(token);
            if (candidates.Count == 0)
            {
                return (IReadOnlyList<ClaimedJob>)[];
            }

            // Another instance may have taken some since the look-up: the update takes only those still due.
            await Due(db, type, now).Where(j => candidates.Contains(j.Id))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.LeaseOwner, workerId)
                    .SetProperty(j => j.LeaseExpiresAt, leaseEnd)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1), token);
            return await db.OutboxJobs
                .Where(j => candidates.Contains(j.Id) && j.Status == JobStatus.Running && j.LeaseOwner == workerId && j.LeaseExpiresAt == leaseEnd)
                .OrderBy(j => j.Id)
                .Select(j => new ClaimedJob(j.Id, j.Type, j.Payload, j.Attempts))
                .ToListAsync(token);
        }, _ => true, ct);

    /// <summary>Extends the lease of a running job; <c>false</c> when the worker no longer owns it (another took it over).</summary>
    public Task<bool> RenewAsync(string workerId, long jobId, CancellationToken ct) =>
        writes.WriteAsync(async (db, _, token) =>
        {
            var leaseEnd = clock.GetUtcNow().UtcDateTime + options.Value.LeaseDuration;
            return await Owned(db, workerId, jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, leaseEnd), token) == 1;
        }, _ => true, ct);

    /// <summary>Records a job's outcome and ends the lease, if the worker still owns the job; <c>false</c> when it did not.</summary>
    public Task<bool> FinishAsync(string workerId, long jobId, JobStatus status, string? error, DateTime? retryAt, CancellationToken ct) =>
        writes.WriteAsync((db, _, token) => RecordAsync(db, workerId, jobId, status, error, retryAt, token), _ => true, ct);

    /// <summary>Records the job done inside the caller's write (see <see cref="JobRun"/>); <c>false</c> when the worker no longer owns it.</summary>
    internal Task<bool> RecordDoneAsync(PortalDb db, string workerId, long jobId, CancellationToken ct) =>
        RecordAsync(db, workerId, jobId, JobStatus.Done, null, null, ct);

    private async Task<bool> RecordAsync(
        PortalDb db, string workerId, long jobId, JobStatus status, string? error, DateTime? retryAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
        return await Owned(db, workerId, jobId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(j => j.LastError, message)
                .SetProperty(j => j.AvailableAt, j => retryAt ?? j.AvailableAt)
                .SetProperty(j => j.CompletedAt, status == JobStatus.Done ? now : null), ct) == 1;
    }

    private static IQueryable<OutboxJob> Due(PortalDb db, string type, DateTime now) => db.OutboxJobs.Where(j => j.Type == type
        && ((j.Status == JobStatus.Pending && j.AvailableAt <= now) || (j.Status == JobStatus.Running && j.LeaseExpiresAt < now)));

    private static IQueryable<OutboxJob> Owned(PortalDb db, string workerId, long jobId) =>
        db.OutboxJobs.Where(j => j.Id == jobId && j.Status == JobStatus.Running && j.LeaseOwner == workerId);
}

/// <summary>A job this worker holds the lease on.</summary>
public sealed record ClaimedJob(long Id, string Type, string Payload, int Attempts);
