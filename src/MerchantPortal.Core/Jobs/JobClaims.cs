using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Jobs;

/// <summary>
/// The lease on outbox jobs, as conditional updates: a claim takes a job only if it is due (pending and
/// available, or running with an expired lease), so two workers — in this instance or another — never hold
/// the same job; renewing and finishing change a job only while the worker still owns it.
/// </summary>
public sealed class JobClaims(IDbContextFactory<PortalDb> dbs, IOptions<JobOptions> options, TimeProvider clock)
{
    private const int MaxErrorLength = 2000;

    /// <summary>Takes the lease on up to <paramref name="max"/> due jobs of the type, oldest first.</summary>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string workerId, string type, int max, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseEnd = now + options.Value.LeaseDuration;
        var candidates = await Due(db, type, now).AsNoTracking().OrderBy(j => j.Id).Select(j => j.Id).Take(max).ToListAsync(ct);

        var claimed = new List<ClaimedJob>();
        foreach (var id in candidates)
        {
            // Another worker may have taken it since the look-up: the update says who won.
            var won = await Due(db, type, now).Where(j => j.Id == id)
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

    /// <summary>Extends the lease of a running job; <c>false</c> when the worker no longer owns it (another took it over).</summary>
    public async Task<bool> RenewAsync(string workerId, long jobId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var leaseEnd = clock.GetUtcNow().UtcDateTime + options.Value.LeaseDuration;
        return await Owned(db, workerId, jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, leaseEnd), ct) == 1;
    }

    /// <summary>Records a job's outcome and ends the lease, if the worker still owns the job; <c>false</c> when it did not.</summary>
    public async Task<bool> FinishAsync(string workerId, long jobId, JobStatus status, string? error, DateTime? retryAt, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
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
