using MerchantPortal.Data;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// Settles card payments that stopped half-way: 3-D Secure never completed, a PaymentIntent stuck in
/// processing, or a placement whose call to Stripe never got an answer. After <see cref="StripeOptions.PaymentTimeout"/>
/// the PaymentIntent is read (or cancelled) at Stripe and the order follows its final state. Cancelled card
/// orders whose payment was never called off at Stripe are looked at too: their PaymentIntent is cancelled,
/// or — if it took the money after all — the payment is refunded (see <see cref="PaymentSync"/>).
/// </summary>
public sealed class PaymentReconciliation(
    IDbContextFactory<PortalDb> dbs,
    CardPayments cardPayments,
    PaymentSync paymentSync,
    IOptionsMonitor<StripeOptions> options,
    TimeProvider clock,
    ILogger<PaymentReconciliation> logger)
{
    /// <summary>Settles every card order that has waited longer than the timeout; returns how many were looked at.</summary>
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        if (!cardPayments.IsConfigured)
        {
            return 0;
        }

        var before = clock.GetUtcNow().UtcDateTime - options.CurrentValue.PaymentTimeout;
        List<(Guid Id, string? IntentId, string? StripeCustomerId)> waiting;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            waiting = (await db.Orders.AsNoTracking()
                .Where(o => o.PaymentMethod == PaymentMethodKind.Card
                    && ((o.Status == OrderStatus.AwaitingPayment && o.UpdatedAt < before)
                        || (o.Status == OrderStatus.Cancelled && (o.PaymentStatus == PaymentStatus.Unpaid || o.PaymentStatus == PaymentStatus.RequiresAction))))
                .OrderBy(o => o.UpdatedAt)
                .Take(100)
                .Select(o => new { o.Id, o.PaymentReference, StripeCustomerId = db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.StripeCustomerId).First() })
                .ToListAsync(ct))
                .Select(o => (o.Id, o.PaymentReference, o.StripeCustomerId))
                .ToList();
        }

        foreach (var (orderId, intentId, stripeCustomerId) in waiting)
        {
            try
            {
                await SettleAsync(orderId, intentId, stripeCustomerId, ct);
            }
            catch (Exception ex) when (StripeFailures.IsUnavailable(ex) || StripeFailures.IsInProgress(ex))
            {
                // Unreachable, or busy with the object (409, e.g. a lock timeout): the next run tries again.
                logger.LogWarning("Stripe gave no answer for order {OrderId}; it will be reconciled later.", orderId);
                break;
            }
        }

        return waiting.Count;
    }

    private async Task SettleAsync(Guid orderId, string? intentId, string? stripeCustomerId, CancellationToken ct)
    {
        var intent = intentId is not null
            ? (await cardPayments.ReadAsync(intentId, ct)).Intent
            : stripeCustomerId is not null ? await cardPayments.FindForOrderAsync(stripeCustomerId, orderId, ct) : null;

        if (intent is null)
        {
            await CloseUnstartedAsync(orderId, null, ct);
            return;
        }

        if (intent.Status is "requires_action" or "requires_confirmation" or "requires_payment_method")
        {
            intent = await cardPayments.CancelAsync(intent.Id, ct);
        }

        if (intent.Status == "processing")
        {
            logger.LogInformation("Order {OrderId}: payment {IntentId} is still processing at Stripe.", orderId, intent.Id);
            return;
        }

        var (current, card) = await cardPayments.ReadAsync(intent.Id, ct);
        if (current.Status == "canceled")
        {
            await CloseUnstartedAsync(orderId, current, ct);
        }

        await paymentSync.ApplyAsync(orderId, current, card, ct);
        logger.LogInformation("Order {OrderId}: reconciled payment {IntentId} ({Status}).", orderId, current.Id, current.Status);
    }

    /// <summary>
    /// Nothing was charged — no PaymentIntent exists, or it is cancelled: an order still awaiting payment is
    /// left to <see cref="PaymentSync"/> (it fails), and a cancelled order's payment is marked voided.
    /// </summary>
    private async Task CloseUnstartedAsync(Guid orderId, PaymentIntent? cancelled, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (order)
        {
            case { Status: OrderStatus.AwaitingPayment } when cancelled is null:
                order.Cancel("The card payment never reached Stripe; nothing was charged.", now);
                order.VoidPayment("No payment exists at Stripe for this order.", now);
                break;
            case { Status: OrderStatus.Cancelled, PaymentStatus: PaymentStatus.Unpaid or PaymentStatus.RequiresAction }:
                order.VoidPayment(cancelled is null
                    ? "No payment exists at Stripe for this order; nothing was charged."
                    : $"The waiting card payment was called off at Stripe ({cancelled.Id}); nothing was charged.", now);
                break;
            default:
                return;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone settled it meanwhile.
        }
    }
}
