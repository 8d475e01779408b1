using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Refunds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// Handles events Stripe sends to <c>/webhooks/stripe</c>: checks the signature (5-minute tolerance),
/// handles each event id once, and never trusts the event's copy of an object — the PaymentIntent or Refund
/// is read again from Stripe, so events that arrive late, twice or out of order cannot move an order or a
/// refund backwards. Payment events (<c>payment_intent.*</c>) settle orders; refund and charge events
/// (<c>refund.*</c>, <c>charge.refund.updated</c>, <c>charge.refunded</c>) settle refunds.
/// </summary>
public sealed class StripeWebhookProcessor(
    IDbContextFactory<PortalDb> dbs,
    CardPayments cardPayments,
    StripeRefunds stripeRefunds,
    PaymentSync paymentSync,
    RefundSync refundSync,
    IOptionsMonitor<StripeOptions> options,
    TimeProvider clock,
    ILogger<StripeWebhookProcessor> logger)
{
    public const long ToleranceSeconds = 300;

    public async Task<Result<WebhookOutcome>> ProcessAsync(string payload, string? signatureHeader, CancellationToken ct)
    {
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(payload, signatureHeader ?? "", options.CurrentValue.WebhookSecret ?? "",
                ToleranceSeconds, utcNow: clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return PaymentErrors.SignatureInvalid;
        }

        // Read the current state before opening a transaction: no network call holds database locks.
        var payment = await ReadPaymentAsync(stripeEvent, ct);
        var refunds = await ReadRefundsAsync(stripeEvent, ct);

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.StripeEventReceipts.AnyAsync(r => r.EventId == stripeEvent.Id, ct))
        {
            return WebhookOutcome.Duplicate;
        }

        db.StripeEventReceipts.Add(StripeEventReceipt.Create(stripeEvent.Id, stripeEvent.Type, clock.GetUtcNow().UtcDateTime));
        try
        {
            // The receipt first: the same event delivered twice at once stops here, before anything else is written.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await IsDuplicateAsync(stripeEvent.Id, ct))
            {
                return WebhookOutcome.Duplicate;
            }

            throw;
        }

        var orderIds = new HashSet<Guid>();
        if (payment is { } paid && await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == paid.OrderId, ct) is { } order)
        {
            await paymentSync.ApplyAsync(db, order, paid.Intent, paid.Card, stripeEvent, ct);
            orderIds.Add(order.Id);
        }

        foreach (var current in refunds)
        {
            var refund = await FindRefundAsync(db, current, ct);
            if (refund is not null)
            {
                var refundOrder = await db.Orders.FirstAsync(o => o.Id == refund.OrderId, ct);
                refundOrder.RecordStripeEvent(stripeEvent.Id, stripeEvent.Type, StripeEventTime.Of(stripeEvent, clock.GetUtcNow().UtcDateTime));
                await refundSync.ApplyAsync(db, refund, refundOrder, current, ct);
                orderIds.Add(refundOrder.Id);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var orderId in orderIds)
        {
            paymentSync.AfterCommit(orderId);
        }

        logger.LogInformation("Stripe event {EventId} ({Type}) handled.", stripeEvent.Id, stripeEvent.Type);
        return WebhookOutcome.Processed;
    }

    /// <summary>The order's PaymentIntent as Stripe has it now, for a PaymentIntent event of one of our orders.</summary>
    private async Task<(Guid OrderId, PaymentIntent Intent, CardSummary? Card)?> ReadPaymentAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not PaymentIntent eventIntent
            || eventIntent.Metadata?.TryGetValue("order_id", out var orderIdText) != true
            || !Guid.TryParse(orderIdText, out var orderId))
        {
            return null;
        }

        var (intent, card) = await cardPayments.ReadAsync(eventIntent.Id, ct);
        return (orderId, intent, card);
    }

    /// <summary>The refunds an event is about, as Stripe has them now: the refund itself, or every refund of a charge's payment.</summary>
    private async Task<IReadOnlyList<Stripe.Refund>> ReadRefundsAsync(Event stripeEvent, CancellationToken ct) => stripeEvent.Data.Object switch
    {
        Stripe.Refund refund => [await stripeRefunds.GetAsync(refund.Id, ct)],
        Charge { PaymentIntentId: { } intentId } => await stripeRefunds.ListForPaymentAsync(intentId, ct),
        _ => [],
    };

    private static async Task<Refunds.Refund?> FindRefundAsync(PortalDb db, Stripe.Refund current, CancellationToken ct)
    {
        var id = StripeRefunds.PortalRefundId(current);
        return await db.Refunds.Include(r => r.Lines)
            .FirstOrDefaultAsync(r => (id != null && r.Id == id) || r.StripeRefundId == current.Id, ct);
    }

    private async Task<bool> IsDuplicateAsync(string eventId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.StripeEventReceipts.AnyAsync(r => r.EventId == eventId, ct);
    }
}

public enum WebhookOutcome
{
    Processed,
    Duplicate,
}
