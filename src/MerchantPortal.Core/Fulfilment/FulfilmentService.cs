using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using MerchantPortal.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Fulfilment;

/// <summary>
/// Delivers a paid order line by line: key lines from inventory, top-up and service lines through the
/// <see cref="IFulfilmentProvider"/>. An order of key lines only is settled in one write; otherwise each line is
/// settled in its own write (a savepoint of the <see cref="WriteQueue"/>'s batch, shared with other orders' writes) and the work is
/// idempotent, so a run that stops half-way is finished by the next one without delivering twice. Only units
/// neither delivered nor refunded are delivered; a refund taking units at the same moment makes the line's
/// write fail on its version, and the line is read again. When the order is done, the merchant's automatic
/// refund policy is queued in the same transaction.
/// </summary>
public sealed class FulfilmentService(
    IDbContextFactory<PortalDb> dbs,
    IFulfilmentProvider provider,
    JobQueue jobs,
    WriteQueue writes,
    OrderChangeNotifier notifier,
    TimeProvider clock,
    ILogger<FulfilmentService> logger)
{
    private const int MaxLineAttempts = 5;

    public Task FulfilAsync(Guid orderId, CancellationToken ct) => FulfilAsync(orderId, null, ct);

    /// <summary>Fulfils the order as <paramref name="job"/>'s whole work: its last write records the job done.</summary>
    public async Task FulfilAsync(Guid orderId, JobRun? job, CancellationToken ct)
    {
        if (await FulfilFromStockAsync(orderId, job, ct))
        {
            return;
        }

        if (!await StartAsync(orderId, ct))
        {
            return;
        }

        List<long> lineIds;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            lineIds = await db.OrderLines.Where(l => l.OrderId == orderId).OrderBy(l => l.LineNumber).Select(l => l.Id).ToListAsync(ct);
        }

        foreach (var lineId in lineIds)
        {
            await SettleLineAsync(orderId, lineId, ct);
        }

        await FinishAsync(orderId, job, ct);
    }

    /// <summary>
    /// An order of key lines only needs no provider: it is started, delivered from stock and finished in one write
    /// (one savepoint of a batch) instead of one per step. False when a line needs the provider, for the step-by-step
    /// path; true when the order was settled here or needs nothing.
    /// </summary>
    private async Task<bool> FulfilFromStockAsync(Guid orderId, JobRun? job, CancellationToken ct)
    {
        try
        {
            return await SettleFromStockAsync(orderId, job, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A refund took units meanwhile; the write was rolled back, and the step-by-step path reads each line again.
            return false;
        }
    }

    private async Task<bool> SettleFromStockAsync(Guid orderId, JobRun? job, CancellationToken ct)
    {
        var (settled, changed) = await writes.WriteAsync(async (db, _, token) =>
        {
            var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, token);
            if (order is null || order.Status is not (OrderStatus.Pending or OrderStatus.Processing))
            {
                await RecordDoneAsync(job, db, token);
                return (true, false);
            }

            if (order.Lines.Any(l => l.Type != ProductType.Key))
            {
                return (false, false);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (order.Status == OrderStatus.Pending)
            {
                order.StartFulfilment(now);
            }

            foreach (var line in order.Lines.Where(l => !l.IsSettled).OrderBy(l => l.LineNumber))
            {
                await DeliverFromStockAsync(db, order, line, now, token);
            }

            await FinishAsync(db, order, token);
            await RecordDoneAsync(job, db, token);
            return (true, true);
        }, _ => true, ct);
        if (changed)
        {
            notifier.Changed(orderId);
        }

        return settled;
    }

    /// <summary>Moves a pending order to processing; false when there is nothing (more) to do.</summary>
    private async Task<bool> StartAsync(Guid orderId, CancellationToken ct)
    {
        var (due, started) = await writes.WriteAsync(async (db, _, token) =>
        {
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, token);
            if (order is null || order.Status is not (OrderStatus.Pending or OrderStatus.Processing))
            {
                logger.LogDebug("Order {OrderId} needs no fulfilment ({Status}).", orderId, order?.Status);
                return (false, false);
            }

            if (order.Status == OrderStatus.Processing)
            {
                return (true, false);
            }

            order.StartFulfilment(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(token);
            return (true, true);
        }, _ => true, ct);
        if (started)
        {
            notifier.Changed(orderId);
        }

        return due;
    }

    private async Task SettleLineAsync(Guid orderId, long lineId, CancellationToken ct)
    {
        ProviderResult? providerResult = null;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var line = await db.OrderLines.AsNoTracking().SingleAsync(l => l.Id == lineId, ct);
            if (line.IsSettled)
            {
                return;
            }

            if (line.Type != ProductType.Key)
            {
                // The provider is called outside any transaction: a slow provider must not hold database locks.
                var item = await db.CatalogItems.AsNoTracking().FirstAsync(i => i.Id == line.ItemId, ct);
                providerResult = await provider.FulfilAsync(new ProviderRequest(
                    $"line_{line.Id}", orderId, line.Sku, line.Type, item.Currency, line.FaceValueMinor, line.Fields, item.Behaviour), ct);
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RecordLineAsync(orderId, lineId, providerResult, ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxLineAttempts)
            {
                // A refund took units of the line meanwhile: read it again (the provider's answer is kept, not asked again).
            }
        }
    }

    /// <summary>Claims codes for a key line, or records the provider's answer, in one transaction.</summary>
    private async Task RecordLineAsync(Guid orderId, long lineId, ProviderResult? providerResult, CancellationToken ct)
    {
        if (await writes.WriteAsync((db, _, token) => RecordLineAsync(db, orderId, lineId, providerResult, token), _ => true, ct))
        {
            notifier.Changed(orderId);
        }
    }

    /// <summary>Inside the write queue's batch; true when something was recorded.</summary>
    private async Task<bool> RecordLineAsync(PortalDb db, Guid orderId, long lineId, ProviderResult? providerResult, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == orderId, ct);
        var line = order.Lines.Single(l => l.Id == lineId);
        var now = clock.GetUtcNow().UtcDateTime;
        if (order.Status != OrderStatus.Processing)
        {
            return false;
        }

        if (providerResult is null)
        {
            if (line.IsSettled)
            {
                return false;
            }

            await DeliverFromStockAsync(db, order, line, now, ct);
        }
        else if (providerResult.Succeeded && line.RemainingUnits == 0)
        {
            // A refund took the unit while the provider was delivering it: the customer has both.
            order.Flag(OrderFlags.DeliveredAfterRefund,
                $"Line {line.LineNumber} ({line.Name}) was delivered by the provider ({providerResult.Reference}) after its unit was refunded.", now);
            logger.LogWarning("Order {Reference}: line {Line} was delivered after its unit was refunded.", order.Reference, line.LineNumber);
        }
        else if (providerResult.Succeeded)
        {
            order.RecordDelivery(line, line.DeliveredUnits + line.RemainingUnits, providerResult.Reference, now);
        }
        else if (line.RemainingUnits > 0)
        {
            order.RecordLineFailure(line, OrderErrorCodes.ProviderError, providerResult.ErrorMessage ?? "The provider could not deliver.", now);
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    private static Task RecordDoneAsync(JobRun? job, PortalDb db, CancellationToken ct) => job?.RecordDoneAsync(db, ct) ?? Task.CompletedTask;

    /// <summary>Claims the line's remaining units from the item's codes; what stock cannot cover is recorded as out of stock.</summary>
    private static async Task DeliverFromStockAsync(PortalDb db, Order order, OrderLine line, DateTime now, CancellationToken ct)
    {
        var delivered = await KeyClaimer.ClaimAsync(db, line.ItemId, line.Id, line.DeliveredUnits, line.RemainingUnits, now, ct);
        order.RecordDelivery(line, delivered, null, now);
        if (line.RemainingUnits > 0)
        {
            order.RecordLineFailure(line, OrderErrorCodes.OutOfStock,
                $"Out of stock: {line.RemainingUnits} of {line.Units} code(s) could not be delivered.", now);
        }
    }

    private async Task FinishAsync(Guid orderId, JobRun? job, CancellationToken ct)
    {
        var finished = await writes.WriteAsync(async (db, _, token) =>
        {
            var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == orderId, token);
            if (order.Status != OrderStatus.Processing)
            {
                await RecordDoneAsync(job, db, token);
                return null;
            }

            await FinishAsync(db, order, token);
            await RecordDoneAsync(job, db, token);
            return order;
        }, _ => true, ct);
        if (finished is not null)
        {
            notifier.Changed(orderId);
            logger.LogDebug("Order {Reference} finished fulfilment: {Status}.", finished.Reference, finished.Status);
        }
    }

    /// <summary>Ends the order's fulfilment and queues the merchant's automatic refund policy when it applies, in the caller's write.</summary>
    private async Task FinishAsync(PortalDb db, Order order, CancellationToken ct)
    {
        order.FinishFulfilment(clock.GetUtcNow().UtcDateTime);
        var policy = await db.Merchants.Where(m => m.Id == order.MerchantId).Select(m => m.AutoRefund).SingleAsync(ct);
        if (AutoRefunds.Applies(policy, order))
        {
            jobs.Enqueue(db, JobTypes.AutoRefund, order.Id.ToString());
        }

        await db.SaveChangesAsync(ct);
    }
}
