using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Refunds;

/// <summary>
/// The merchant's automatic refund policy: once fulfilment has given up on an order, refund what it left
/// undelivered — recorded like any refund, with the system as the actor (the policy is the approval).
/// Queued by fulfilment in the same transaction that finished the order (<see cref="JobTypes.AutoRefund"/>).
/// </summary>
public sealed class AutoRefunds(
    IDbContextFactory<PortalDb> dbs, RefundBooking booking, OrderChangeNotifier notifier, ILogger<AutoRefunds> logger)
    : IJobHandler
{
    public string JobType => JobTypes.AutoRefund;

    /// <summary>Whether the policy refunds this finished order.</summary>
    public static bool Applies(AutoRefundPolicy policy, Order order) =>
        order.PaymentStatus.IsRefundable() && order.Lines.Any(l => l.RemainingUnits > 0) && policy switch
        {
            AutoRefundPolicy.FailedOrders => order.Status == OrderStatus.Failed,
            AutoRefundPolicy.AllUndelivered => order.Status is OrderStatus.Failed or OrderStatus.Partial,
            _ => false,
        };

    public async Task HandleAsync(string payload, CancellationToken ct)
    {
        var orderId = Guid.Parse(payload);
        Refund? refund;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == orderId, ct);
            var merchant = await db.Merchants.AsNoTracking().FirstAsync(m => m.Id == order.MerchantId, ct);
            if (!Applies(merchant.AutoRefund, order))
            {
                // Already refunded by someone, or retried and delivered meanwhile.
                return;
            }

            var destination = order.PaymentMethod == PaymentMethodKind.Card ? merchant.AutoRefundDestination : RefundDestination.Balance;
            var booked = await booking.BookRemainingAsync(db, order,
                new RefundTerms(destination, RefundReason.Undelivered, "Automatic refund policy: fulfilment gave up.", RefundOrigin.Policy), Actor.System, ct);
            if (!booked.Succeeded)
            {
                // A conflict with a refund made at the same moment; the job runs again and finds what is left.
                throw new InvalidOperationException($"Automatic refund of {order.Reference}: {booked.Error!.Message}");
            }

            refund = booked.Value;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        // A card refund goes to Stripe through its own outbox job, queued with it.
        notifier.Changed(orderId);
        logger.LogInformation("Order {OrderId}: automatic refund {Refund} of {Amount} minor units.", orderId, refund.Reference, refund.AmountMinor);
    }
}
