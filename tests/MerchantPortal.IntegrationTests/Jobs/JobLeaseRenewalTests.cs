using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.IntegrationTests.Jobs;

/// <summary>A running job keeps its lease, and stops when it finds another worker took the job over.</summary>
public sealed class JobLeaseRenewalTests : JobTestBase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly GatedJobHandler _long = new("long_test");

    protected override Task<CoreTestHost> StartHostAsync() => CoreTestHost.StartAsync(
        services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IJobHandler>(_long);
        },
        new Dictionary<string, string?> { ["Jobs:LeaseDuration"] = "00:00:30" });

    [Fact]
    public async Task A_long_job_renews_its_lease_so_no_other_worker_takes_it_over()
    {
        var id = await EnqueueAsync("long_test");
        var claims = Host.Get<JobClaims>();
        var job = Assert.Single(await claims.ClaimAsync("worker-a", "long_test", 1, CancellationToken.None));
        var run = Host.Get<JobRunner>().RunAsync("worker-a", job, CancellationToken.None);

        // Three leases' worth of time passes, a second at a time; worker B keeps trying to take the job.
        for (var second = 0; second < 3 * Lease.TotalSeconds; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Empty(await claims.ClaimAsync("worker-b", "long_test", 1, CancellationToken.None));
            await Task.Delay(10);
        }

        _long.Open();
        await run;
        var done = await JobAsync(id);
        Assert.Equal(JobStatus.Done, done.Status);
        Assert.Equal(1, done.Attempts);
    }

    [Fact]
    public async Task A_job_whose_lease_was_lost_is_cancelled_and_records_nothing()
    {
        var id = await EnqueueAsync("long_test");
        var job = Assert.Single(await Host.Get<JobClaims>().ClaimAsync("worker-a", "long_test", 1, CancellationToken.None));
        var run = Host.Get<JobRunner>().RunAsync("worker-a", job, CancellationToken.None);

        // Worker B took the job over (A had stalled past its lease, say).
        await using (var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync())
        {
            await db.OutboxJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, "worker-b"));
        }

        _clock.Advance(Lease / 3);
        Assert.Equal("payload", await _long.Cancelled.Task.WaitAsync(Eventually.Patience));
        await run;

        var taken = await JobAsync(id);
        Assert.Equal(JobStatus.Running, taken.Status);
        Assert.Equal("worker-b", taken.LeaseOwner);
        Assert.Null(taken.LastError);
    }
}
