using MerchantPortal.Data;

namespace MerchantPortal.Jobs;

/// <summary>Adds jobs to the caller's unit of work, so a job exists if and only if its cause was committed.</summary>
public sealed class JobQueue(TimeProvider clock)
{
    public void Enqueue(PortalDb db, string type, string payload, DateTime? availableAt = null) =>
        db.OutboxJobs.Add(OutboxJob.Create(type, payload, clock.GetUtcNow().UtcDateTime, availableAt));
}
