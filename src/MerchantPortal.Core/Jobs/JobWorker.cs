using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Jobs;

/// <summary>The background worker of one app instance: a <see cref="JobLane"/> per job type it has a handler for, side by side.</summary>
public sealed class JobWorker(JobClaims claims, JobRunner runner, JobSignal signal, IOptions<JobOptions> options, ILogger<JobWorker> logger)
    : BackgroundService
{
    private readonly string _workerId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lanes = runner.JobTypes
            .Select(type => new JobLane(type, options.Value.ConcurrencyOf(type), claims, runner, signal, options.Value, logger))
            .ToList();
        logger.LogInformation("Background worker {WorkerId} started: {Lanes}.", _workerId, string.Join(", ", lanes));
        return Task.WhenAll(lanes.Select(lane => Task.Run(() => lane.RunAsync(_workerId, stoppingToken), CancellationToken.None)));
    }
}
