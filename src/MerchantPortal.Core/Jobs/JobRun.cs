using MerchantPortal.Data;

namespace MerchantPortal.Jobs;

/// <summary>
/// The job the current handler is running (set by <see cref="JobRunner"/> for the handler's own flow). A handler
/// whose last step is a write may record the job done in that same write, so a job costs one write and one commit
/// fewer; the runner then has nothing left to record. A write that fails takes the record with it, and the runner
/// retries the job as usual.
/// </summary>
public sealed class JobRun
{
    private static readonly AsyncLocal<JobRun?> Ambient = new();
    private readonly JobClaims _claims;
    private readonly string _workerId;
    private readonly long _jobId;
    private volatile bool _recordedDone;

    private JobRun(JobClaims claims, string workerId, long jobId) => (_claims, _workerId, _jobId) = (claims, workerId, jobId);

    /// <summary>The job being run on this flow; null outside a job (a direct call, a test).</summary>
    public static JobRun? Current => Ambient.Value;

    /// <summary>The job's outcome is in a write of its handler: done once that write commits.</summary>
    internal bool RecordedDone => _recordedDone;

    /// <summary>
    /// Records the job done inside <paramref name="db"/>'s write. Call it last, from a write that is kept (its
    /// savepoint released); read <see cref="Current"/> before queueing the write, as the write runs on another flow.
    /// </summary>
    public async Task RecordDoneAsync(PortalDb db, CancellationToken ct) =>
        _recordedDone = await _claims.RecordDoneAsync(db, _workerId, _jobId, ct);

    /// <summary>Makes the job current for the rest of the calling async method and what it awaits.</summary>
    internal static JobRun Begin(JobClaims claims, string workerId, long jobId) => Ambient.Value = new JobRun(claims, workerId, jobId);
}
