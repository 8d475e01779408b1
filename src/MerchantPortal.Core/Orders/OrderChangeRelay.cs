using MerchantPortal.Changes;
using MerchantPortal.Writing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Orders;

/// <summary>
/// Carries order changes between instances through the change feed: every poll interval it publishes the orders
/// this instance changed since the last time, all in one write of the <see cref="WriteQueue"/> (a burst of changes
/// to one order is one row), and it raises to this instance's pages the orders any instance changed.
/// </summary>
internal sealed class OrderChangeRelay(
    OrderChangeNotifier notifier, IChangeFeed feed, WriteQueue writes, IOptions<ChangeFeedOptions> options, TimeProvider clock,
    ILogger<OrderChangeRelay> logger) : BackgroundService
{
    private IDisposable? _subscription;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(ChangeTopics.Order, OnNotice);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PublishAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync publishes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _subscription?.Dispose();
        await PublishAsync(cancellationToken);
    }

    /// <summary>Publishes the orders changed here since the last call; returns how many.</summary>
    internal async Task<int> PublishAsync(CancellationToken ct)
    {
        var changed = notifier.TakeUnpublished();
        if (changed.Count == 0)
        {
            return 0;
        }

        try
        {
            await writes.WriteAsync(async (db, _, token) =>
            {
                foreach (var orderId in changed)
                {
                    feed.Add(db, ChangeTopics.Order, orderId.ToString());
                }

                await db.SaveChangesAsync(token);
                return true;
            }, _ => true, ct);
            return changed.Count;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            notifier.KeepUnpublished(changed);
            logger.LogWarning(e, "Could not publish {Count} order changes to other instances; kept for the next try.", changed.Count);
            return 0;
        }
    }

    private void OnNotice(ChangeNotice notice)
    {
        if (Guid.TryParse(notice.Key, out var orderId))
        {
            notifier.Raise(orderId);
        }
    }
}
