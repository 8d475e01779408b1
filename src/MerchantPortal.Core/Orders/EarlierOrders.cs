using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Orders;

internal static class EarlierOrders
{
    /// <summary>
    /// An order placed earlier with the same merchant order id or idempotency key: the same request is a
    /// replay of it; a different request is a conflict. A look-up only: a replayed card order whose payment
    /// never reached Stripe is reported as such, and the caller charges it once the transaction is over.
    /// </summary>
    public static async Task<Result<Placement>?> FindAsync(PortalDb db, PlaceOrder request, string fingerprint, CancellationToken ct)
    {
        var (merchantOrderId, idempotencyKey) = (request.MerchantOrderId, request.IdempotencyKey);
        if (merchantOrderId is null && idempotencyKey is null)
        {
            return null;
        }

        var earlier = await db.Orders.AsNoTracking()
            .Where(o => o.MerchantId == request.MerchantId
                && ((merchantOrderId != null && o.MerchantOrderId == merchantOrderId) || (idempotencyKey != null && o.IdempotencyKey == idempotencyKey)))
            .Select(o => new { o.Id, o.RequestHash, o.MerchantOrderId, o.PaymentMethod, o.Status, o.PaymentReference })
            .FirstOrDefaultAsync(ct);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != fingerprint)
        {
            return merchantOrderId is not null && earlier.MerchantOrderId == merchantOrderId
                ? OrderErrors.DuplicateMerchantOrderId
                : OrderErrors.IdempotencyKeyConflict;
        }

        var unpaidCard = earlier is { PaymentMethod: PaymentMethodKind.Card, Status: OrderStatus.AwaitingPayment, PaymentReference: null };
        return new Placement(earlier.Id, Replayed: true, ChargeCard: unpaidCard);
    }
}
