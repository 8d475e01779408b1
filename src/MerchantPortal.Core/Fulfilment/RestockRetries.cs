using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Fulfilment;

/// <summary>
/// When codes are added to a key item (<see cref="JobTypes.RetryRestocked"/>, queued with the upload), retries
/// fulfilment of the partial and failed orders waiting for that item, oldest first, for merchants who turned
/// "retry on restock" on — as many as the new stock can serve.
/// </summary>
public sealed class RestockRetries(IDbContextFactory<PortalDb> dbs, FulfilmentRetryService retries, ILogger<RestockRetries> logger) : IJobHandler
{
    private const int MaxOrdersPerRestock = 200;

    public string JobType => JobTypes.RetryRestocked;

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        var itemId = long.Parse(payload, System.Globalization.CultureInfo.InvariantCulture);
        List<(Guid OrderId, int Units)> waiting;
        int stock;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            stock = await db.KeyCodes.CountAsync(c => c.ItemId == itemId && c.Status == KeyCodeStatus.Available, ct);
            var retrying = db.Merchants.Where(m => m.RetryOnRestock).Select(m => m.Id);
            waiting = (await db.OrderLines.AsNoTracking()
                .Where(l => l.ItemId == itemId && l.DeliveredUnits + l.RefundedUnits < l.Units
                    && (l.Order.Status == OrderStatus.Partial || l.Order.Status == OrderStatus.Failed)
                    && (l.Order.PaymentStatus == PaymentStatus.Paid || l.Order.PaymentStatus == PaymentStatus.PartiallyRefunded)
                    && retrying.Contains(l.Order.MerchantId))
                .OrderBy(l => l.Order.Number)
                .Select(l => new { l.OrderId, Units = l.Units - l.DeliveredUnits - l.RefundedUnits })
                .Take(MaxOrdersPerRestock)
                .ToListAsync(ct))
                .Select(l => (l.OrderId, l.Units))
                .ToList();
        }

        foreach (var (orderId, units) in waiting.DistinctBy(w => w.OrderId))
        {
            if (stock <= 0)
            {
                break;
            }

            var retried = await retries.RetryAsync(orderId, Actor.System, ct);
            if (retried.Succeeded)
            {
                stock -= units;
                logger.LogInformation("Item {ItemId} restocked: retried fulfilment of order {Reference}.", itemId, retried.Value.Order.Reference);
            }
        }
    }
}
