using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Data;

/// <summary>
/// Refreshes SQLite's table statistics (<c>ANALYZE</c>). Without them SQLite's planner guesses that every
/// index is selective and, for example, walks one merchant's whole history instead of the order-number,
/// merchant-order-id and customer indexes that an orders-grid search can use. SQL Server keeps its own
/// statistics, so this does nothing there.
/// </summary>
public sealed class SqliteStatistics(
    IDbContextFactory<PortalDb> dbs, IOptions<DatabaseOptions> options, TimeProvider clock, ILogger<SqliteStatistics> logger)
{
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        if (options.Value.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var started = clock.GetTimestamp();
        await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
        logger.LogInformation("Refreshed SQLite statistics in {Elapsed}.", clock.GetElapsedTime(started));
    }
}
