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
        var verified = Verify(payload, signatureHeader);
        if (!verified.Succeeded)
        {
            return verified.Error!;
        }

        var stripeEvent = verified.Value;

        // Read the current state before opening a transaction: no network call holds database locks.
        (Guid OrderId, PaymentIntent Intent, CardSummary? Card)? payment;
        IReadOnlyList<Stripe.Refund> refunds;
        try
        {
            payment = await ReadPaymentAsync(stripeEvent, ct);
            refunds = await ReadRefundsAsync(stripeEvent, ct);
        }
        catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // An object Stripe does not know (a forged or foreign event with a valid signature): nothing to settle.
            logger.LogWarning("Stripe event {EventId} ({Type}) names an object Stripe does not know; ignored.", stripeEvent.Id, stripeEvent.Type);
            return WebhookOutcome.Ignored;
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException)
        {
            // Stripe retries the event later; by then the object can be read again.
            logger.LogWarning(ex, "Stripe event {EventId} ({Type}) could not be checked with Stripe; it will be retried.", stripeEvent.Id, stripeEvent.Type);
            return PaymentErrors.StripeUnavailable;
        }

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

    /// <summary>The event, if the signature holds and the body is an event (not <c>{}</c>, an array, or cut-off JSON).</summary>
    private Result<Event> Verify(string payload, string? signatureHeader)
    {
        try
        {
            EventUtility.ValidateSignature(payload, signatureHeader ?? "", options.CurrentValue.WebhookSecret ?? "",
                ToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (StripeException)
        {
            return PaymentErrors.SignatureInvalid;
        }

        try
        {
            var parsed = EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);
            return parsed is { Id.Length: > 0, Type.Length: > 0 } ? parsed : PaymentErrors.WebhookEventInvalid;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or Newtonsoft.Json.JsonException or InvalidOperationException)
        {
            // Not JSON, cut off, or JSON that is not an object (Stripe.net reads the body before mapping it to an event).
            return PaymentErrors.WebhookEventInvalid;
        }
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

    /// <summary>A signed event about nothing this portal holds; acknowledged so that Stripe does not retry it.</summary>
    Ignored,
}
