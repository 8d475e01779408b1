using MerchantPortal.Data;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Refunds;

/// <summary>
/// Sends a pending card refund to Stripe and applies the answer. Outside any transaction: the refund and its
/// held units are already committed, so a lost answer or a crash leaves it pending, and the next attempt
/// (the outbox job, or reconciliation) sends it again under the same idempotency key — Stripe answers with
/// the refund it already made.
/// </summary>
public sealed class RefundSubmitter(IDbContextFactory<PortalDb> dbs, StripeRefunds stripeRefunds, RefundSync sync)
{
    /// <summary>Submits (or re-reads) the refund; throws when Stripe cannot be reached or is still busy with it, so the caller retries.</summary>
    public async Task SubmitAsync(Guid refundId, CancellationToken ct)
    {
        Refund? refund;
        string? paymentIntentId;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            refund = await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == refundId, ct);
            paymentIntentId = refund is null ? null
                : await db.Orders.Where(o => o.Id == refund.OrderId).Select(o => o.PaymentReference).SingleAsync(ct);
        }

        if (refund is not { ToCard: true } || refund.Status is not (RefundStatus.Pending or RefundStatus.Succeeded) || paymentIntentId is null)
        {
            return;
        }

        Stripe.Refund current;
        try
        {
            current = refund.StripeRefundId is { } stripeRefundId
                ? await stripeRefunds.GetAsync(stripeRefundId, ct)
                : await stripeRefunds.CreateAsync(refund, paymentIntentId, ct);
        }
        catch (Stripe.StripeException ex) when (StripeFailures.IsRefused(ex) && refund.StripeRefundId is null)
        {
            await sync.FailAsync(refundId, ex.StripeError?.Message ?? "Stripe refused the refund", ct);
            return;
        }

        await sync.ApplyAsync(refundId, current, ct);
    }
}
