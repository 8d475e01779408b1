using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// Reads an order's delivered codes in plaintext for an API key polling the order. Each key's first retrieval
/// of an order's codes is audited; later polls by the same key read without writing, so polling stays cheap
/// while the audit log still says which keys have seen which codes.
/// </summary>
public sealed class DeliveredCodeReader(IDbContextFactory<PortalDb> dbs, KeyInventoryService inventory, AuditTrail audit)
{
    /// <summary>The codes of each line of the order (empty when none are delivered); the caller has checked the actor sees the order.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> ReadAsync(Order order, Actor actor, CancellationToken ct = default)
    {
        var lineIds = order.Lines.Select(l => l.Id).ToList();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var codes = await db.KeyCodes.AsNoTracking()
            .Where(c => c.OrderLineId != null && lineIds.Contains(c.OrderLineId.Value))
            .OrderBy(c => c.Id)
            .Select(c => new { LineId = c.OrderLineId!.Value, c.CodeCipher })
            .ToListAsync(ct);
        if (codes.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<string>>();
        }

        var orderId = order.Id.ToString();
        var seen = await db.AuditEntries.AnyAsync(e => e.MerchantId == order.MerchantId && e.OccurredAt >= order.CreatedAt
            && e.Action == AuditActions.OrderCodesRetrieved && e.TargetId == orderId && e.ActorKind == actor.Kind && e.ActorId == actor.Id, ct);
        if (!seen)
        {
            audit.Record(db, actor, AuditActions.OrderCodesRetrieved, "order", orderId,
                string.Create(CultureInfo.InvariantCulture, $"Retrieved the {codes.Count} delivered code(s) of {order.Reference} by API (first retrieval by this key)"),
                order.MerchantId);
            await db.SaveChangesAsync(ct);
        }

        return codes.GroupBy(c => c.LineId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(c => inventory.Decrypt(c.CodeCipher))]);
    }
}
