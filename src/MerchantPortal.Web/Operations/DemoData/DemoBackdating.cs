using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Operations;

/// <summary>When one history order "happened": placed at a time, its timeline a step apart from there.</summary>
internal sealed record DemoOrderTime(Guid OrderId, DateTime PlacedAt, TimeSpan Step);

/// <summary>
/// Moves history orders, their timelines, ledger entries, delivered codes, refunds (a cancelled order's) and the
/// audit entries of both back to when they "happened", all in one transaction: the first run waits for each commit.
/// </summary>
internal sealed class DemoBackdating(IDbContextFactory<PortalDb> dbs)
{
    public async Task BackdateAsync(IReadOnlyList<DemoOrderTime> times, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = times.Select(t => t.OrderId).ToList();
        var orders = await db.Orders.Include(o => o.Events).Include(o => o.Lines).AsSplitQuery()
            .Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var finishes = new List<(Guid OrderId, DateTime PlacedAt, DateTime FinishedAt, List<long> LineIds)>();
        foreach (var (orderId, placedAt, step) in times)
        {
            var order = orders[orderId];
            var events = order.Events.OrderBy(e => e.Id).ToList();
            for (var i = 0; i < events.Count; i++)
            {
                db.Entry(events[i]).Property(e => e.OccurredAt).CurrentValue = placedAt + step * i;
            }

            var finishedAt = placedAt + step * Math.Max(0, events.Count - 1);
            db.Entry(order).Property(o => o.CreatedAt).CurrentValue = placedAt;
            db.Entry(order).Property(o => o.UpdatedAt).CurrentValue = finishedAt;
            if (order.CompletedAt is not null)
            {
                db.Entry(order).Property(o => o.CompletedAt).CurrentValue = finishedAt;
            }

            finishes.Add((orderId, placedAt, finishedAt, order.Lines.Select(l => l.Id).ToList()));
        }

        await db.SaveChangesAsync(ct);
        foreach (var (orderId, placedAt, finishedAt, lineIds) in finishes)
        {
            await BackdateRelatedAsync(db, orderId, lineIds, placedAt, finishedAt, ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task BackdateRelatedAsync(PortalDb db, Guid orderId, List<long> lineIds, DateTime placedAt, DateTime finishedAt, CancellationToken ct)
    {
        await db.LedgerEntries.Where(e => e.OrderId == orderId).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, placedAt), ct);
        await db.KeyCodes.Where(c => c.OrderLineId != null && lineIds.Contains(c.OrderLineId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveredAt, finishedAt), ct);
        await db.AuditEntries.Where(a => a.TargetId == orderId.ToString())
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.OccurredAt, placedAt), ct);

        var refundIds = await db.Refunds.Where(r => r.OrderId == orderId).Select(r => r.Id).ToListAsync(ct);
        if (refundIds.Count > 0)
        {
            await db.Refunds.Where(r => r.OrderId == orderId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.RequestedAt, finishedAt)
                .SetProperty(r => r.UpdatedAt, finishedAt)
                .SetProperty(r => r.CompletedAt, r => r.CompletedAt == null ? null : finishedAt), ct);
            var targets = refundIds.Select(id => id.ToString()).ToList();
            await db.AuditEntries.Where(a => a.TargetType == "refund" && targets.Contains(a.TargetId))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.OccurredAt, finishedAt), ct);
        }
    }
}
