using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Data;

/// <summary>Runs <see cref="SqliteStatistics"/> shortly after start-up and then every <see cref="DatabaseOptions.StatisticsInterval"/>.</summary>
public sealed class SqliteStatisticsRefresher(
    SqliteStatistics statistics, IOptions<DatabaseOptions> options, TimeProvider clock, ILogger<SqliteStatisticsRefresher> logger)
    : BackgroundService
{
    // Lets start-up work (demo data, the first requests) finish before the full scan.
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        await Task.Delay(FirstRunDelay, clock, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.StatisticsInterval, clock);
        do
        {
            try
            {
                await statistics.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Refreshing SQLite statistics failed; it runs again at the next interval.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
