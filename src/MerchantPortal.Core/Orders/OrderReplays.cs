using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

/// <summary>
/// Puts replayed API requests (the same <c>Idempotency-Key</c> or merchant order id sent again) on the order's
/// timeline. The event is inserted on its own, without touching the order row, so many concurrent replays
/// never collide with each other or with fulfilment on the order's version.
/// </summary>
public sealed class OrderReplays(IDbContextFactory<PortalDb> dbs, TimeProvider clock)
{
    public async Task RecordAsync(Guid orderId, string request, string? idempotencyKey, CancellationToken ct = default)
    {
        var message = idempotencyKey is null
            ? $"Request replayed: {request}."
            : $"Request replayed (Idempotency-Key {Shorten(idempotencyKey)}): {request}.";
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.OrderEvents.Add(OrderEvent.ForOrder(orderId, OrderEventTypes.RequestReplayed, message, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }

    private static string Shorten(string key) => key.Length <= 80 ? key : key[..80] + "…";
}
