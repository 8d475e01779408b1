using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Changes;

/// <summary>
/// Reads the change feed every <see cref="ChangeFeedOptions.PollInterval"/> and raises new entries to this
/// instance's subscribers. It starts at the newest entry committed when the app starts (history is not
/// replayed) and prunes entries older than <see cref="ChangeFeedOptions.Retention"/> once a minute.
/// </summary>
public sealed class ChangeFeedPoller(
    IDbContextFactory<PortalDb> dbs, ChangeFeed feed, IOptions<ChangeFeedOptions> options, TimeProvider clock, ILogger<ChangeFeedPoller> logger)
    : BackgroundService
{
    private const int BatchSize = 1000;
    private const int MaxBatchesPerPoll = 20;
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private ChangeFeedCursor? _cursor;
    private DateTime _nextPrune = DateTime.MinValue;

    /// <summary>Takes the starting point before the app reports started, so what is committed from then on is heard.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartCursorAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The change feed could not be read at start-up; trying again at the next poll.");
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        while (await TickAsync(timer, stoppingToken))
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Reading the change feed failed; trying again at the next poll.");
            }
        }
    }

    // A host that fails to start disposes its services without stopping them; that cancellation is an end, not a crash.
    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Raises the entries committed since the last poll, and prunes when it is time.</summary>
    internal async Task PollAsync(CancellationToken ct)
    {
        if (_cursor is null)
        {
            await StartCursorAsync(ct);
            return;
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            // Order changes come by the thousand under load: read on while batches come back full.
            var after = _cursor.Position;
            for (var read = 0; read < MaxBatchesPerPoll; read++)
            {
                var position = after;
                var entries = await db.ChangeFeed.AsNoTracking()
                    .Where(e => e.Sequence > position)
                    .OrderBy(e => e.Sequence)
                    .Take(BatchSize)
                    .ToListAsync(ct);
                foreach (var entry in entries.Where(e => _cursor.Take(e.Sequence)))
                {
                    feed.Raise(new ChangeNotice(entry.Sequence, entry.Topic, entry.Key, entry.At));
                }

                if (entries.Count < BatchSize)
                {
                    break;
                }

                after = entries[^1].Sequence;
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        _cursor.Advance(now);
        if (now >= _nextPrune)
        {
            await PruneAsync(ct);
            _nextPrune = now + PruneInterval;
        }
    }

    /// <summary>Deletes the entries older than the retention; returns how many.</summary>
    internal async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.Retention;
        return await db.ChangeFeed.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }

    private async Task StartCursorAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var newest = await db.ChangeFeed.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        _cursor = new ChangeFeedCursor(newest, GapTimeout);
    }
}
