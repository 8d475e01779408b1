using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Fulfilment;

/// <summary>
/// Delivers a paid order line by line: key lines from inventory, top-up and service lines through the
/// <see cref="IFulfilmentProvider"/>. Each line is settled in its own transaction and the work is
/// idempotent, so a run that stops half-way is finished by the next one without delivering twice.
/// </summary>
public sealed class FulfilmentService(
    IDbContextFactory<PortalDb> dbs,
    IFulfilmentProvider provider,
    OrderChangeNotifier notifier,
    TimeProvider clock,
    ILogger<FulfilmentService> logger)
{
    public async Task FulfilAsync(Guid orderId, CancellationToken ct)
    {
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

        await FinishAsync(orderId, ct);
    }

    /// <summary>Moves a pending order to processing; false when there is nothing (more) to do.</summary>
    private async Task<bool> StartAsync(Guid orderId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || order.Status is not (OrderStatus.Pending or OrderStatus.Processing))
        {
            logger.LogInformation("Order {OrderId} needs no fulfilment ({Status}).", orderId, order?.Status);
            return false;
        }

        if (order.Status == OrderStatus.Pending)
        {
            order.StartFulfilment(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            notifier.Changed(orderId);
        }

        return true;
    }

    private async Task SettleLineAsync(Guid orderId, long lineId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == orderId, ct);
        var line = order.Lines.Single(l => l.Id == lineId);
        if (line.IsSettled)
        {
            return;
        }

        var item = await db.CatalogItems.AsNoTracking().FirstAsync(i => i.Id == line.ItemId, ct);

        // The provider is called outside any transaction: a slow provider must not hold database locks.
        var providerResult = line.Type == ProductType.Key
            ? null
            : await provider.FulfilAsync(new ProviderRequest(
                $"line_{line.Id}", orderId, line.Sku, line.Type, item.Currency, line.FaceValueMinor, line.Fields, item.Behaviour), ct);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (providerResult is null)
        {
            var delivered = await KeyClaimer.ClaimAsync(db, line.ItemId, line.Id, line.Units - line.DeliveredUnits, now, ct);
            order.RecordDelivery(line, delivered, null, now);
            if (delivered < line.Units)
            {
                order.RecordLineFailure(line, OrderErrorCodes.OutOfStock,
                    $"Out of stock: {line.Units - delivered} of {line.Units} code(s) could not be delivered.", now);
            }
        }
        else if (providerResult.Succeeded)
        {
            order.RecordDelivery(line, line.Units, providerResult.Reference, now);
        }
        else
        {
            order.RecordLineFailure(line, OrderErrorCodes.ProviderError, providerResult.ErrorMessage ?? "The provider could not deliver.", now);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        notifier.Changed(orderId);
    }

    private async Task FinishAsync(Guid orderId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == orderId, ct);
        if (order.Status != OrderStatus.Processing)
        {
            return;
        }

        order.FinishFulfilment(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        notifier.Changed(orderId);
        logger.LogInformation("Order {Reference} finished fulfilment: {Status}.", order.Reference, order.Status);
    }
}
