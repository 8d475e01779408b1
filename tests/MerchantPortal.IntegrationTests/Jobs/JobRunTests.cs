using MerchantPortal.Jobs;
using MerchantPortal.Testing;
using MerchantPortal.Writing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Jobs;

/// <summary>
/// A handler whose last write records its job done: the runner writes no outcome of its own, and a write that fails
/// takes the record with it, so the job is retried as any failed job.
/// </summary>
public sealed class JobRunTests : JobTestBase
{
    private readonly CommandCounter _commands = new();

    protected override Task<CoreTestHost> StartHostAsync() => CoreTestHost.StartAsync(services =>
    {
        services.AddSingleton<IInterceptor>(_commands);
        services.AddSingleton<IJobHandler>(sp => new RecordingJobHandler("records_done_test", sp.GetRequiredService<WriteQueue>(), fail: false));
        services.AddSingleton<IJobHandler>(sp => new RecordingJobHandler("fails_after_record_test", sp.GetRequiredService<WriteQueue>(), fail: true));
    });

    [Fact]
    public async Task A_job_recorded_done_in_its_handlers_write_gets_no_second_outcome_write()
    {
        var id = await EnqueueAsync("records_done_test");
        _commands.Reset();

        await Host.DrainJobsAsync();

        var job = await JobAsync(id);
        Assert.Equal((JobStatus.Done, 1, null), (job.Status, job.Attempts, job.LeaseOwner));
        Assert.NotNull(job.CompletedAt);
        // The claim takes the lease, the handler's write ends it; nothing else touches the job's row.
        Assert.Equal(2, _commands.WritesTo("OutboxJobs").Count);
    }

    [Fact]
    public async Task A_write_that_fails_after_recording_the_job_done_leaves_the_job_to_be_retried()
    {
        var id = await EnqueueAsync("fails_after_record_test");

        await Host.DrainJobsAsync();

        var job = await JobAsync(id);
        Assert.Equal((JobStatus.Pending, 1, null), (job.Status, job.Attempts, job.CompletedAt));
        Assert.Equal("The write failed after recording the job.", job.LastError);
    }

    private sealed class RecordingJobHandler(string jobType, WriteQueue writes, bool fail) : IJobHandler
    {
        public string JobType => jobType;

        public async Task HandleAsync(string payload, CancellationToken ct)
        {
            var run = JobRun.Current ?? throw new InvalidOperationException("The runner makes its job current.");
            await writes.WriteAsync<bool>(async (db, _, token) =>
            {
                await run.RecordDoneAsync(db, token);
                return fail ? throw new InvalidOperationException("The write failed after recording the job.") : true;
            }, _ => true, ct);
        }
    }
}
