using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Jobs;

/// <summary>Service tests of the job machinery with test job types: enqueue, read back.</summary>
public abstract class JobTestBase : CoreServiceTest
{
    protected async Task<long> EnqueueAsync(string type, string payload = "payload")
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Host.Get<JobQueue>().Enqueue(db, type, payload);
        await db.SaveChangesAsync();
        return await db.OutboxJobs.Where(j => j.Type == type).MaxAsync(j => j.Id);
    }

    protected async Task<OutboxJob> JobAsync(long id)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.OutboxJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }

    protected async Task<int> CountAsync(string type, JobStatus status)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        return await db.OutboxJobs.CountAsync(j => j.Type == type && j.Status == status);
    }
}
