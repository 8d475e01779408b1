using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Refunds;

/// <summary>
/// Brings a card refund in line with its Stripe Refund. Every path — the submission's answer, webhooks
/// (<c>refund.updated</c>, <c>refund.failed</c>, <c>charge.refund.updated</c>, <c>charge.refunded</c>) and
/// reconciliation — re-reads the Stripe Refund and comes here. A refund only moves forward: pending →
/// succeeded → failed, or pending → failed. A failure, even after success, is reversed in the books: the
/// money counts as the merchant's again, the units can be refunded (or delivered) again, and the order is
/// flagged for support.
/// </summary>
public sealed class RefundSync(IDbContextFactory<PortalDb> dbs, AuditTrail audit, OrderChangeNotifier notifier, TimeProvider clock, ILogger<RefundSync> logger)
{
    /// <summary>How often a pending card refund is read again; a succeeded one is re-read hourly for three days.</summary>
    internal static readonly TimeSpan PendingCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>Applies the Stripe Refund in the caller's unit of work (its transaction); the caller saves and commits.</summary>
    internal async Task ApplyAsync(PortalDb db, Refund refund, Order order, Stripe.Refund current, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (refund.Status is RefundStatus.Failed or RefundStatus.Rejected or RefundStatus.PendingApproval)
        {
            return;
        }

        refund.RecordStripeRefund(current.Id, now);
        switch (current.Status)
        {
            case "succeeded" when refund.Status == RefundStatus.Pending:
                refund.Succeed(now);
                var amount = new Money(refund.AmountMinor, Currency.Of(refund.Currency));
                order.RecordRefund(refund.AmountMinor, $"Returned {amount} to {RefundText.DestinationOf(refund.Destination, order)} ({refund.Reference}, {current.Id}).", now);
                audit.Record(db, Actor.System, AuditActions.RefundSucceeded, "refund", refund.Id.ToString(),
                    $"{refund.Reference} on {order.Reference}: Stripe refunded {amount} ({current.Id})", order.MerchantId);
                break;
            case "failed" or "canceled":
                await FailAsync(db, refund, order, FailureText(current), ct);
                break;
            default:
                // Still pending at Stripe (or succeeded and already booked): look again later.
                refund.CheckAgainAt(now + (refund.Status == RefundStatus.Succeeded ? TimeSpan.FromHours(1) : PendingCheckInterval));
                break;
        }
    }

    /// <summary>Loads the refund and its order, applies the Stripe Refund and commits; a concurrent change is re-read and applied again.</summary>
    public async Task ApplyAsync(Guid refundId, Stripe.Refund current, CancellationToken ct)
    {
        await InTransactionAsync(refundId, (db, refund, order) => ApplyAsync(db, refund, order, current, ct), ct);
    }

    /// <summary>Stripe refused the refund outright (e.g. the charge is disputed or already refunded): it failed.</summary>
    public async Task FailAsync(Guid refundId, string reason, CancellationToken ct)
    {
        await InTransactionAsync(refundId, async (db, refund, order) =>
        {
            if (refund.Status is RefundStatus.Pending or RefundStatus.Succeeded)
            {
                await FailAsync(db, refund, order, reason, ct);
            }
        }, ct);
    }

    /// <summary>Reverses a refund that did not return the money, in the caller's unit of work.</summary>
    internal async Task FailAsync(PortalDb db, Refund refund, Order order, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var wasSucceeded = refund.Status == RefundStatus.Succeeded;
        refund.Fail(reason, now);
        foreach (var line in refund.Lines)
        {
            await LineUnits.ReleaseAsync(db, line.OrderLineId, line.Units, line.AmountMinor, ct);
        }

        var amount = new Money(refund.AmountMinor, Currency.Of(refund.Currency));
        var message = $"Refund {refund.Reference} of {amount} to {RefundText.DestinationOf(refund.Destination, order)} failed: {reason}. "
            + "Its units can be refunded again.";
        if (wasSucceeded)
        {
            order.ReverseRefund(refund.AmountMinor, message, now);
        }
        else
        {
            order.RecordRefundFailure(message, now);
        }

        order.Flag(OrderFlags.RefundFailed, $"Refund {refund.Reference} of {amount} failed: {reason}", now);
        audit.Record(db, Actor.System, AuditActions.RefundFailed, "refund", refund.Id.ToString(),
            $"{refund.Reference} on {order.Reference} failed{(wasSucceeded ? " after Stripe first reported success" : "")}: {reason}", order.MerchantId);
        logger.LogWarning("Refund {Reference} on order {Order} failed: {Reason}", refund.Reference, order.Reference, reason);
    }

    private async Task InTransactionAsync(Guid refundId, Func<PortalDb, Refund, Order, Task> apply, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var refund = await db.Refunds.Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == refundId, ct);
            if (refund is null)
            {
                return;
            }

            var order = await db.Orders.FirstAsync(o => o.Id == refund.OrderId, ct);
            await apply(db, refund, order);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                notifier.Changed(order.Id);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A webhook and the submission's answer arrived together; apply again on top of what the other wrote.
            }
        }
    }

    private static string FailureText(Stripe.Refund refund) => refund.FailureReason switch
    {
        "expired_or_canceled_card" => "the card has expired or was cancelled",
        "lost_or_stolen_card" => "the card was reported lost or stolen",
        "declined" => "the card issuer declined the refund",
        "insufficient_funds" => "the refund could not be made from the available funds",
        "merchant_request" => "the refund was cancelled",
        null or "" => refund.Status == "canceled" ? "the refund was cancelled" : "Stripe could not make the refund",
        var other => $"Stripe reported {other.Replace('_', ' ')}",
    };
}
