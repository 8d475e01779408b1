using MerchantPortal.Data;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Refunds;

/// <summary>
/// The safety net for card refunds whose news did not arrive: a refund never sent (its Stripe call lost),
/// one still pending at Stripe, and — for three days after it succeeded — one that Stripe may still fail.
/// Each is read again from Stripe (or sent, under its idempotency key) when its check is due.
/// </summary>
public sealed class RefundReconciliation(
    IDbContextFactory<PortalDb> dbs, CardPayments cardPayments, RefundSubmitter submitter, TimeProvider clock, ILogger<RefundReconciliation> logger)
{
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        if (!cardPayments.IsConfigured)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            due = await db.Refunds.AsNoTracking()
                .Where(r => r.NextCheckAt != null && r.NextCheckAt <= now
                    && r.Destination == RefundDestination.OriginalPaymentMethod
                    && (r.Status == RefundStatus.Pending || r.Status == RefundStatus.Succeeded))
                .OrderBy(r => r.NextCheckAt)
                .Select(r => r.Id)
                .Take(100)
                .ToListAsync(ct);
        }

        foreach (var refundId in due)
        {
            try
            {
                await submitter.SubmitAsync(refundId, ct);
            }
            catch (Exception ex) when (StripeFailures.IsUnavailable(ex) || StripeFailures.IsInProgress(ex))
            {
                logger.LogWarning("Stripe did not answer; refund {RefundId} is reconciled later.", refundId);
                break;
            }
        }

        return due.Count;
    }
}
