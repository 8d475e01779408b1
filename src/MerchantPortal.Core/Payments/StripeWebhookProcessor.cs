using MerchantPortal.Common;
using MerchantPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// Handles events Stripe sends to <c>/webhooks/stripe</c>: checks the signature (5-minute tolerance),
/// handles each event id once, and never trusts the event's copy of an object — the PaymentIntent is read
/// again from Stripe, so events that arrive late, twice or out of order cannot move an order backwards.
/// </summary>
public sealed class StripeWebhookProcessor(
    IDbContextFactory<PortalDb> dbs,
    CardPayments cardPayments,
    PaymentSync paymentSync,
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

        var orderIntent = stripeEvent.Data.Object is PaymentIntent eventIntent
            && eventIntent.Metadata?.TryGetValue("order_id", out var orderIdText) == true
            && Guid.TryParse(orderIdText, out var orderId)
                ? (OrderId: orderId, IntentId: eventIntent.Id)
                : ((Guid OrderId, string IntentId)?)null;

        // Read the current state before opening a transaction: no network call holds database locks.
        var current = orderIntent is { } target ? await cardPayments.ReadAsync(target.IntentId, ct) : default;

        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.StripeEventReceipts.AnyAsync(r => r.EventId == stripeEvent.Id, ct))
        {
            return WebhookOutcome.Duplicate;
        }

        db.StripeEventReceipts.Add(StripeEventReceipt.Create(stripeEvent.Id, stripeEvent.Type, clock.GetUtcNow().UtcDateTime));
        if (orderIntent is { } handled && await db.Orders.FirstOrDefaultAsync(o => o.Id == handled.OrderId, ct) is { } order)
        {
            paymentSync.Apply(db, order, current.Intent, current.Card, stripeEvent);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same event, delivered twice at once: the other delivery handled it.
            if (await IsDuplicateAsync(stripeEvent.Id, ct))
            {
                return WebhookOutcome.Duplicate;
            }

            throw;
        }

        await tx.CommitAsync(ct);
        paymentSync.AfterCommit(orderIntent?.OrderId);
        logger.LogInformation("Stripe event {EventId} ({Type}) handled.", stripeEvent.Id, stripeEvent.Type);
        return WebhookOutcome.Processed;
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
