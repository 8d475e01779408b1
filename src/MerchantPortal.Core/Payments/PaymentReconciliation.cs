using MerchantPortal.Data;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantPortal.Payments;

/// <summary>
/// Settles card payments that stopped half-way: 3-D Secure never completed, a PaymentIntent stuck in
/// processing, or a placement whose call to Stripe never got an answer. After <see cref="StripeOptions.PaymentTimeout"/>
/// the PaymentIntent is read (or cancelled) at Stripe and the order follows its final state.
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
                .Where(o => o.Status == OrderStatus.AwaitingPayment && o.PaymentMethod == PaymentMethodKind.Card && o.UpdatedAt < before)
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
            catch (Exception ex) when (StripeFailures.IsUnavailable(ex))
            {
                logger.LogWarning("Stripe is unreachable; order {OrderId} will be reconciled later.", orderId);
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
            await CancelUnstartedAsync(orderId, ct);
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
        await paymentSync.ApplyAsync(orderId, current, card, ct);
        logger.LogInformation("Order {OrderId}: reconciled payment {IntentId} ({Status}).", orderId, current.Id, current.Status);
    }

    /// <summary>No PaymentIntent exists for the order: nothing was charged, so the order is cancelled.</summary>
    private async Task CancelUnstartedAsync(Guid orderId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is not { Status: OrderStatus.AwaitingPayment })
        {
            return;
        }

        order.Cancel("The card payment never reached Stripe; nothing was charged.", clock.GetUtcNow().UtcDateTime);
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
