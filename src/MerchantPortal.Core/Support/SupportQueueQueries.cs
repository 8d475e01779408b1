using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Support;

/// <summary>
/// The support work queue: paid orders with undelivered units (partial or failed), orders stuck in processing
/// past <see cref="StuckAfter"/>, and flagged orders (a failed refund, a late payment), oldest first. Filtered
/// by merchant, reason, age and payment method; only for actors who may see it.
/// </summary>
public sealed class SupportQueueQueries(IDbContextFactory<PortalDb> dbs, AuditTrail audit, OrderChangeNotifier notifier, TimeProvider clock)
{
    /// <summary>How long an order may stay in processing before the queue shows it as stuck.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(30);

    public static Error NotAllowed { get; } =
        new("SUPPORT_QUEUE_NOT_ALLOWED", "Only support agents and admins can use the support queue.") { Kind = ErrorKind.Forbidden };

    public async Task<Result<Page<SupportQueueRow>>> SearchAsync(SupportQueueQuery query, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ViewSupportQueue))
        {
            return NotAllowed;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stuckBefore = now - StuckAfter;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var orders = db.Orders.AsNoTracking().Where(o =>
            o.FlagCode != null
            || (o.Status == OrderStatus.Processing && o.UpdatedAt < stuckBefore)
            || ((o.Status == OrderStatus.Partial || o.Status == OrderStatus.Failed)
                && (o.PaymentStatus == PaymentStatus.Paid || o.PaymentStatus == PaymentStatus.PartiallyRefunded)
                && o.Lines.Any(l => l.DeliveredUnits + l.RefundedUnits < l.Units)));
        if (query.MerchantId is { } merchantId)
        {
            orders = orders.Where(o => o.MerchantId == merchantId);
        }

        if (query.PaymentMethod is { } method)
        {
            orders = orders.Where(o => o.PaymentMethod == method);
        }

        if (query.OlderThan is { } age)
        {
            var placedBefore = now - age;
            orders = orders.Where(o => o.CreatedAt < placedBefore);
        }

        var reason = query.Reason;
        orders = reason switch
        {
            null or "" => orders,
            SupportReasons.Stuck => orders.Where(o => o.Status == OrderStatus.Processing && o.UpdatedAt < stuckBefore),
            OrderErrorCodes.OutOfStock or OrderErrorCodes.ProviderError => orders.Where(o => o.Lines.Any(l => l.FailureCode == reason)),
            _ => orders.Where(o => o.FlagCode == reason),
        };

        var total = await orders.CountAsync(ct);
        var rows = await (
            from o in orders.OrderBy(o => o.Number).Skip(Math.Max(0, query.Page) * query.PageSize).Take(query.PageSize)
            join c in db.Customers on o.CustomerId equals c.Id
            join m in db.Merchants on o.MerchantId equals m.Id
            select new
            {
                o.Id, o.Number, o.MerchantId, MerchantName = m.Name, CustomerName = c.Name ?? c.Email ?? c.Phone ?? "Customer",
                o.Status, o.PaymentStatus, o.PaymentMethod, o.Currency, o.TotalMinor, o.RefundedMinor,
                Units = o.Lines.Sum(l => l.Units), Delivered = o.Lines.Sum(l => l.DeliveredUnits), Refunded = o.Lines.Sum(l => l.RefundedUnits),
                o.FlagCode, o.FlagMessage, o.ErrorCode, o.ErrorMessage,
                FailureCode = o.Lines.Where(l => l.FailureCode != null).OrderBy(l => l.LineNumber).Select(l => l.FailureCode).FirstOrDefault(),
                FailureMessage = o.Lines.Where(l => l.FailureCode != null).OrderBy(l => l.LineNumber).Select(l => l.FailureMessage).FirstOrDefault(),
                o.CreatedAt, o.UpdatedAt,
            }).ToListAsync(ct);

        return new Page<SupportQueueRow>([.. rows.Select(r =>
        {
            var (code, text) = r switch
            {
                { FlagCode: { } flag } => (flag, r.FlagMessage ?? flag),
                { Status: OrderStatus.Processing } => (SupportReasons.Stuck, "Still in processing: fulfilment may have stopped."),
                { FailureCode: { } failure } => (failure, r.FailureMessage ?? failure),
                _ => (r.ErrorCode ?? SupportReasons.Undelivered, r.ErrorMessage ?? "Units were left undelivered."),
            };
            return new SupportQueueRow(r.Id, r.Number, r.MerchantId, r.MerchantName, r.CustomerName, r.Status, r.PaymentStatus, r.PaymentMethod,
                r.Currency, r.TotalMinor, r.RefundedMinor, r.Units, r.Delivered, r.Refunded, code, text, r.CreatedAt, r.UpdatedAt);
        })], total);
    }

    /// <summary>Marks what an order's flag said as dealt with (audited); the order leaves the queue unless it has units left.</summary>
    public async Task<Result> ClearFlagAsync(Guid orderId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.ViewSupportQueue) || actor.Kind == ActorKind.System)
        {
            return NotAllowed;
        }

        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
            if (order is null || !actor.MaySee(order.MerchantId))
            {
                return OrderErrors.NotFound;
            }

            if (order.FlagCode is not { } flag)
            {
                return Result.Success;
            }

            audit.Record(db, actor, AuditActions.OrderFlagCleared, "order", order.Id.ToString(), $"Marked {flag} on {order.Reference} as dealt with", order.MerchantId);
            order.ClearFlag(actor.Name, clock.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(ct);
                notifier.Changed(orderId);
                return Result.Success;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A refund or payment changed the order at the same moment (and may have flagged it anew): look again.
            }
        }
    }
}
