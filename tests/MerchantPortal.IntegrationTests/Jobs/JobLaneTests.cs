using MerchantPortal.Jobs;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Jobs;

/// <summary>The worker runs each job type in its own lane, side by side, each within its concurrency.</summary>
public sealed class JobLaneTests : JobTestBase
{
    private readonly GatedJobHandler _slow = new("slow_test");
    private readonly GatedJobHandler _fast = new("fast_test", open: true);
    private readonly GatedJobHandler _limited = new("limited_test");

    protected override Task<CoreTestHost> StartHostAsync() => CoreTestHost.StartAsync(
        services =>
        {
            services.AddSingleton<IJobHandler>(_slow);
            services.AddSingleton<IJobHandler>(_fast);
            services.AddSingleton<IJobHandler>(_limited);
        },
        new Dictionary<string, string?>
        {
            ["Jobs:PollInterval"] = "00:00:00.100",
            ["Jobs:Types:slow_test:Concurrency"] = "1",
            ["Jobs:Types:limited_test:Concurrency"] = "2",
        });

    [Fact]
    public async Task A_slow_job_type_does_not_delay_another_type()
    {
        await EnqueueAsync("slow_test", "slow-1");
        await EnqueueAsync("slow_test", "slow-2");
        await EnqueueAsync("fast_test", "fast");

        await using var worker = await StartWorkerAsync();
        await Eventually.HoldsAsync(() => _slow.Running == 1, "the slow job to start");
        await Eventually.HoldsAsync(() => _fast.Finished.Contains("fast"), "the fast job to finish while the slow one runs");
        Assert.Empty(_slow.Finished);

        _slow.Open();
        await Eventually.HoldsAsync(() => _slow.Finished.Count == 2, "both slow jobs to finish");
        Assert.Equal(1, _slow.MaxRunning);
    }

    [Fact]
    public async Task A_job_type_runs_no_more_jobs_at_once_than_its_concurrency()
    {
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync("limited_test", $"job-{i}");
        }

        await using var worker = await StartWorkerAsync();
        await Eventually.HoldsAsync(() => _limited.Running == 2, "two jobs to run");
        // Several polls pass: the lane has no free slot, so it claims no third job.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, _limited.Running);
        Assert.Equal(2, await CountAsync("limited_test", JobStatus.Running));

        _limited.Open();
        await Eventually.HoldsAsync(async () => await CountAsync("limited_test", JobStatus.Done) == 5, "all five jobs to be done");
        Assert.Equal(2, _limited.MaxRunning);
    }

    [Fact]
    public async Task A_pass_side_by_side_runs_a_types_claimed_jobs_at_once()
    {
        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync("limited_test", $"job-{i}");
        }

        var runner = Host.Get<JobRunner>();
        var sideBySide = runner.RunDueJobsAsync("test-worker", sideBySide: true, CancellationToken.None);
        await Eventually.HoldsAsync(() => _limited.Running == 2, "the two claimed jobs to run at once");
        _limited.Open();
        Assert.Equal(2, await sideBySide);
        Assert.Equal(1, await runner.RunDueJobsAsync("test-worker", CancellationToken.None));
        Assert.Equal(3, await CountAsync("limited_test", JobStatus.Done));
        Assert.Equal(2, _limited.MaxRunning);
    }

    private async Task<RunningWorker> StartWorkerAsync()
    {
        var worker = ActivatorUtilities.CreateInstance<JobWorker>(Host.Services);
        await worker.StartAsync(CancellationToken.None);
        return new RunningWorker(worker, _slow, _limited);
    }

    private sealed class RunningWorker(JobWorker worker, params GatedJobHandler[] gates) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var gate in gates)
            {
                gate.Open();
            }

            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }
}
