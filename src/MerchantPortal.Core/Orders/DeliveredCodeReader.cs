using System.Collections.ObjectModel;
using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// Reads orders' delivered codes in plaintext for an API key polling them. Each key's first retrieval of an
/// order's codes is audited; later polls by the same key read without writing, so polling stays cheap while the
/// audit log still says which keys have seen which codes.
/// </summary>
public sealed class DeliveredCodeReader(IDbContextFactory<PortalDb> dbs, KeyInventoryService inventory, AuditTrail audit)
{

    /// <summary>The codes of each line of the order (empty when none are delivered); the caller has checked the actor sees the order.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> ReadAsync(Order order, Actor actor, CancellationToken ct = default) =>
        (await ReadManyAsync([order], actor, ct))[order.Id];

    /// <summary>
    /// The codes of each line of each order, by order id, in one read of the codes and one of the audit log per
    /// merchant, and one write for all the first retrievals; the caller has checked the actor sees the orders.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<long, IReadOnlyList<string>>>> ReadManyAsync(
        IReadOnlyList<Order> orders, Actor actor, CancellationToken ct = default)
    {
        // Codes are taken in the same write that counts them delivered: a line with nothing delivered has none to read.
        var lineIds = orders.SelectMany(o => o.Lines).Where(l => l.DeliveredUnits > 0).Select(l => l.Id).ToList();
        if (lineIds.Count == 0)
        {
            return orders.ToDictionary(o => o.Id, _ => (IReadOnlyDictionary<long, IReadOnlyList<string>>)ReadOnlyDictionary<long, IReadOnlyList<string>>.Empty);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var codes = await db.KeyCodes.AsNoTracking()
            .Where(c => c.OrderLineId != null && lineIds.Contains(c.OrderLineId.Value))
            .OrderBy(c => c.Id)
            .Select(c => new { LineId = c.OrderLineId!.Value, c.CodeCipher })
            .ToListAsync(ct);
        var codesByLine = codes.GroupBy(c => c.LineId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(c => inventory.Decrypt(c.CodeCipher))]);

        var withCodes = orders.Where(o => o.Lines.Any(l => codesByLine.ContainsKey(l.Id))).ToList();
        foreach (var order in await FirstRetrievalsAsync(db, withCodes, actor, ct))
        {
            var count = order.Lines.Sum(l => codesByLine.TryGetValue(l.Id, out var delivered) ? delivered.Count : 0);
            audit.Record(db, actor, AuditActions.OrderCodesRetrieved, "order", order.Id.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"Retrieved the {count} delivered code(s) of {order.Reference} by API (first retrieval by this key)"),
                order.MerchantId);
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        return orders.ToDictionary(o => o.Id, o => (IReadOnlyDictionary<long, IReadOnlyList<string>>)o.Lines
            .Where(l => codesByLine.ContainsKey(l.Id))
            .ToDictionary(l => l.Id, l => codesByLine[l.Id]));
    }

    /// <summary>The orders whose codes this actor has not retrieved before (searched from the oldest order's creation on, per merchant).</summary>
    private static async Task<List<Order>> FirstRetrievalsAsync(PortalDb db, List<Order> orders, Actor actor, CancellationToken ct)
    {
        var first = new List<Order>();
        foreach (var merchant in orders.GroupBy(o => o.MerchantId))
        {
            var since = merchant.Min(o => o.CreatedAt);
            var orderIds = merchant.Select(o => o.Id.ToString()).ToList();
            var seen = await db.AuditEntries
                .Where(e => e.MerchantId == merchant.Key && e.OccurredAt >= since && e.Action == AuditActions.OrderCodesRetrieved
                    && orderIds.Contains(e.TargetId) && e.ActorKind == actor.Kind && e.ActorId == actor.Id)
                .Select(e => e.TargetId)
                .Distinct()
                .ToListAsync(ct);
            first.AddRange(merchant.Where(o => !seen.Contains(o.Id.ToString())));
        }

        return first;
    }
}
