using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Fulfilment;

/// <summary>
/// Sends a partial or failed order's undelivered units back to fulfilment — a support action (after a
/// restock of codes, say), or automatic on restock when the merchant asks for it. Only units neither
/// delivered nor refunded are tried again; a retry that delivers them all ends the order completed.
/// </summary>
public sealed class FulfilmentRetryService(
    IDbContextFactory<PortalDb> dbs, JobQueue jobs, JobSignal jobSignal, OrderQueries queries, OrderChangeNotifier notifier, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<OrderDetails>> RetryAsync(Guid orderId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.RetryFulfilment))
        {
            return FulfilmentErrors.RetryNotAllowed;
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);
            if (order is null || !actor.MaySee(order.MerchantId))
            {
                return OrderErrors.NotFound;
            }

            if (!order.CanRetryFulfilment)
            {
                return FulfilmentErrors.NothingToRetry(order.Status.ToString().ToLowerInvariant());
            }

            order.RetryFulfilment(actor.Name, clock.GetUtcNow().UtcDateTime);
            jobs.Enqueue(db, JobTypes.FulfilOrder, order.Id.ToString());
            audit.Record(db, actor, AuditActions.FulfilmentRetried, "order", order.Id.ToString(),
                $"Retried fulfilment of {order.Lines.Sum(l => l.RemainingUnits)} undelivered unit(s) of {order.Reference}", order.MerchantId);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A refund or another retry changed the order at the same moment.
                return FulfilmentErrors.RetryConflict;
            }

            await tx.CommitAsync(ct);
        }

        jobSignal.Notify();
        notifier.Changed(orderId);
        return (await queries.GetAsync(orderId, actor, ct))!;
    }
}
