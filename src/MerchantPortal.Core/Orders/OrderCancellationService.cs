using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;
using Microsoft.EntityFrameworkCore;
using PaymentIntent = Stripe.PaymentIntent;

namespace MerchantPortal.Orders;

/// <summary>
/// Cancels orders that are not being fulfilled yet, and never keeps the money: a paid order is refunded in
/// full to where it was paid from (through the refund path, exempt from four eyes), and a card payment still
/// waiting (3-D Secure) is cancelled at Stripe first. If Stripe cannot be reached, the order is cancelled
/// anyway; reconciliation cancels its PaymentIntent later, and a payment that completes meanwhile is refunded.
/// </summary>
public sealed class OrderCancellationService(
    IDbContextFactory<PortalDb> dbs,
    CardPayments cardPayments,
    PaymentSync paymentSync,
    RefundBooking refunds,
    RefundSubmitter refundSubmitter,
    OrderQueries queries,
    AuditTrail audit,
    TimeProvider clock)
{
    public async Task<Result<OrderDetails>> CancelAsync(Guid orderId, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.CancelOrders))
        {
            return OrderErrors.CancelNotAllowed;
        }

        if (reason?.Trim().Length > OrderErrors.MaxCancelReasonLength)
        {
            return OrderErrors.CancelReasonTooLong;
        }

        var found = await queries.GetAsync(orderId, actor, ct);
        if (found is null)
        {
            return OrderErrors.NotFound;
        }

        if (!found.Order.CanCancel)
        {
            return OrderErrors.NotCancellable(found.Order.Status.ToString());
        }

        // Outside the transaction: call the waiting payment off at Stripe, and learn whether it completed meanwhile.
        var intent = found.Order is { PaymentMethod: PaymentMethodKind.Card, Status: OrderStatus.AwaitingPayment, PaymentReference: { } intentId }
            ? await TryCancelIntentAsync(intentId, ct)
            : null;

        Refund? refund;
        try
        {
            var cancelled = await CancelInTransactionAsync(orderId, reason, intent, actor, ct);
            if (!cancelled.Succeeded)
            {
                return cancelled.Error!;
            }

            refund = cancelled.Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Fulfilment started (or a payment landed) at the same moment; the order moved on.
            var now = await queries.GetAsync(orderId, actor, ct);
            return OrderErrors.NotCancellable((now?.Order.Status ?? OrderStatus.Processing).ToString());
        }

        paymentSync.AfterCommit(orderId);
        if (refund is { Status: RefundStatus.Pending, ToCard: true })
        {
            try
            {
                await refundSubmitter.SubmitAsync(refund.Id, ct);
            }
            catch (Exception ex) when (StripeFailures.IsUnavailable(ex) || StripeFailures.IsInProgress(ex))
            {
                // The outbox job sends the refund again shortly.
            }
        }

        return (await queries.GetAsync(orderId, actor, ct))!;
    }

    /// <summary>Cancels the order and books its full refund in one transaction; returns the refund, if the order was paid.</summary>
    private async Task<Result<Refund?>> CancelInTransactionAsync(Guid orderId, string? reason, PaymentIntent? intent, Actor actor, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == orderId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (intent?.Status == "succeeded")
        {
            // The payer completed 3-D Secure just now: the order is paid, and is cancelled with a full refund.
            await paymentSync.ApplyAsync(db, order, intent, null, null, ct);
        }

        if (!order.CanCancel)
        {
            return OrderErrors.NotCancellable(order.Status.ToString());
        }

        order.Cancel(string.IsNullOrWhiteSpace(reason) ? $"Cancelled by {actor.Name}." : $"Cancelled by {actor.Name}: {reason.Trim()}", now);
        if (intent?.Status == "canceled")
        {
            order.VoidPayment($"The waiting card payment was called off at Stripe ({intent.Id}); nothing was charged.", now);
        }

        Refund? refund = null;
        if (order.PaymentStatus == PaymentStatus.Paid)
        {
            var destination = order.PaymentMethod == PaymentMethodKind.Card ? RefundDestination.OriginalPaymentMethod : RefundDestination.Balance;
            var booked = await refunds.BookRemainingAsync(db, order,
                new RefundTerms(destination, RefundReason.CustomerRequest, reason?.Trim(), RefundOrigin.Cancellation, SubmitInline: true), actor, ct);
            if (!booked.Succeeded)
            {
                return booked.Error!;
            }

            refund = booked.Value;
        }

        audit.Record(db, actor, AuditActions.OrderCancelled, "order", order.Id.ToString(),
            $"Cancelled {order.Reference}{(refund is null ? "" : $"; refund {refund.Reference} returns {RefundText.Describe(refund, order)}")}", order.MerchantId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return refund;
    }

    private async Task<PaymentIntent?> TryCancelIntentAsync(string intentId, CancellationToken ct)
    {
        try
        {
            return await cardPayments.CancelAsync(intentId, ct);
        }
        catch (Exception ex) when (StripeFailures.IsUnavailable(ex) || StripeFailures.IsInProgress(ex))
        {
            return null;
        }
    }
}
