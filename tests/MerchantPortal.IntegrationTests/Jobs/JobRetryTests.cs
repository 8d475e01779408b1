using MerchantPortal.Jobs;
using MerchantPortal.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MerchantPortal.IntegrationTests.Jobs;

/// <summary>Each job type retries by its own policy, a handler may name the retry time, and a job is given up as failed at the end.</summary>
public sealed class JobRetryTests : JobTestBase
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected override Task<CoreTestHost> StartHostAsync() => CoreTestHost.StartAsync(
        services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IJobHandler>(new FailingJobHandler("scheduled_test"));
            services.AddSingleton<IJobHandler>(new FailingJobHandler("own_policy_test", policy: new RetrySchedule([TimeSpan.FromSeconds(3)])));
            services.AddSingleton<IJobHandler>(new FailingJobHandler("retry_after_test", retryAfter: TimeSpan.FromMinutes(42)));
            services.AddSingleton<IJobHandler>(new FailingJobHandler("default_test"));
        },
        new Dictionary<string, string?>
        {
            ["Jobs:Types:scheduled_test:RetryDelays:0"] = "00:00:07",
            ["Jobs:Types:scheduled_test:RetryDelays:1"] = "00:01:00",
        });

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task A_job_type_with_a_configured_schedule_retries_on_it_and_then_fails()
    {
        var id = await EnqueueAsync("scheduled_test");

        await Host.DrainJobsAsync();
        var first = await JobAsync(id);
        Assert.Equal((JobStatus.Pending, 1, Now.AddSeconds(7)), (first.Status, first.Attempts, first.AvailableAt));

        _clock.Advance(TimeSpan.FromSeconds(7));
        await Host.DrainJobsAsync();
        var second = await JobAsync(id);
        Assert.Equal((JobStatus.Pending, 2, Now.AddMinutes(1)), (second.Status, second.Attempts, second.AvailableAt));

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Host.DrainJobsAsync();
        var given = await JobAsync(id);
        Assert.Equal((JobStatus.Failed, 3), (given.Status, given.Attempts));
        Assert.Equal("The endpoint is down.", given.LastError);
    }

    [Fact]
    public async Task A_handlers_own_retry_policy_is_used()
    {
        var id = await EnqueueAsync("own_policy_test");

        await Host.DrainJobsAsync();
        Assert.Equal(Now.AddSeconds(3), (await JobAsync(id)).AvailableAt);

        _clock.Advance(TimeSpan.FromSeconds(3));
        await Host.DrainJobsAsync();
        Assert.Equal(JobStatus.Failed, (await JobAsync(id)).Status);
    }

    [Fact]
    public async Task A_handler_that_names_a_retry_time_is_retried_then()
    {
        var id = await EnqueueAsync("retry_after_test");

        await Host.DrainJobsAsync();

        var job = await JobAsync(id);
        Assert.Equal((JobStatus.Pending, Now.AddMinutes(42)), (job.Status, job.AvailableAt));
    }

    [Fact]
    public async Task Other_job_types_back_off_from_five_seconds_and_give_up_after_eight_attempts()
    {
        var id = await EnqueueAsync("default_test");
        var waited = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            await Host.DrainJobsAsync();
            var job = await JobAsync(id);
            if (job.Status == JobStatus.Failed)
            {
                break;
            }

            waited.Add(job.AvailableAt - Now);
            _clock.Advance(job.AvailableAt - Now);
        }

        Assert.Equal([5, 10, 20, 40, 80, 160, 320], waited.Select(w => w.TotalSeconds));
        Assert.Equal((JobStatus.Failed, 8), ((await JobAsync(id)).Status, (await JobAsync(id)).Attempts));
    }
}
