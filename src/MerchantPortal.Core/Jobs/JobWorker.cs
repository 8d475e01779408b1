using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Jobs;

/// <summary>The background loop of one app instance: runs due jobs, then sleeps until signalled or the poll interval.</summary>
public sealed class JobWorker(JobRunner runner, JobSignal signal, IOptions<JobOptions> options, ILogger<JobWorker> logger)
    : BackgroundService
{
    private readonly string _workerId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Background worker {WorkerId} started.", _workerId);
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            try
            {
                claimed = await runner.RunDueJobsAsync(_workerId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The background worker could not claim jobs; retrying.");
                claimed = 0;
            }

            if (claimed < options.Value.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }
}
