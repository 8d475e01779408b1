using MerchantPortal.Auditing;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MerchantPortal.Refunds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// Brings an order in line with its Stripe PaymentIntent. Every path — the placement itself, the return
/// from 3-D Secure, webhooks, reconciliation, cancellation — re-reads the PaymentIntent from Stripe and comes
/// here, and orders only ever move forward, so late, repeated or out-of-order events are harmless. A payment
/// that succeeds for an order that no longer waits for it (cancelled, or failed) is refunded in full at once
/// and the order flagged: no path keeps money for an order that will not be delivered.
/// </summary>
public sealed class PaymentSync(
    IDbContextFactory<PortalDb> dbs,
    JobQueue jobs,
    JobSignal jobSignal,
    RefundBooking refunds,
    OrderChangeNotifier notifier,
    TimeProvider clock,
    ILogger<PaymentSync> logger)
{
    /// <summary>Applies the PaymentIntent to the order (tracked, with its lines) in the caller's transaction; the caller saves and commits.</summary>
    internal async Task ApplyAsync(PortalDb db, Order order, PaymentIntent intent, CardSummary? card, Event? stripeEvent, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (stripeEvent is not null)
        {
            order.RecordStripeEvent(stripeEvent.Id, stripeEvent.Type, StripeEventTime.Of(stripeEvent, now));
        }

        if (order.Status != OrderStatus.AwaitingPayment)
        {
            if (IsLatePayment(order, intent))
            {
                await RefundLatePaymentAsync(db, order, intent, card, now, ct);
            }

            return;
        }

        order.RecordCardPayment(intent.Id, intent.PaymentMethodId ?? order.PaymentMethodId ?? "", card?.Brand, card?.Last4);
        switch (intent.Status)
        {
            case "succeeded":
                var amount = new Money(intent.Amount, Currency.Of(order.Currency));
                order.MarkPaid(intent.Id, $"Paid {amount} with {CardLabel.Of(order.CardBrand, order.CardLast4)} ({intent.Id}).", now);
                jobs.Enqueue(db, JobTypes.FulfilOrder, order.Id.ToString());
                break;
            case "requires_action":
                order.RequirePaymentAction(intent.NextAction?.RedirectToUrl?.Url, now);
                break;
            case "requires_payment_method" when intent.LastPaymentError is { } error:
                order.FailPayment(ErrorCode(error.Code), error.Message ?? "The card was declined.", now, StripeCodes(error));
                break;
            case "canceled":
                order.FailPayment(order.PaymentStatus == PaymentStatus.RequiresAction ? OrderErrorCodes.AuthenticationRequired : OrderErrorCodes.PaymentDeclined,
                    "The payment was cancelled before it completed.", now);
                break;
            default:
                // processing, requires_confirmation: Stripe will tell us how it ends.
                break;
        }
    }

    /// <summary>Loads the order, applies the PaymentIntent and commits; a concurrent change is re-read and applied again.</summary>
    public async Task ApplyAsync(Guid orderId, PaymentIntent intent, CardSummary? card, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);
            if (order is null)
            {
                return;
            }

            try
            {
                await ApplyAsync(db, order, intent, card, null, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                AfterCommit(orderId);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A webhook for the same payment landed first; apply again on top of what it wrote.
            }
        }
    }

    /// <summary>Wakes the background worker (fulfilment, refunds) and refreshes open pages after a payment change was committed.</summary>
    internal void AfterCommit(Guid? orderId)
    {
        jobSignal.Notify();
        if (orderId is { } id)
        {
            notifier.Changed(id);
        }
    }

    /// <summary>Stripe's codes for a failed payment, as support looks them up: "Stripe code card_declined, decline code insufficient_funds".</summary>
    internal static string? StripeCodes(StripeError error) => (error.Code, error.DeclineCode) switch
    {
        (null, null) => null,
        ({ } code, null) => $"Stripe code {code}",
        (null, { } decline) => $"Stripe decline code {decline}",
        ({ } code, { } decline) => $"Stripe code {code}, decline code {decline}",
    };

    internal static string ErrorCode(string? stripeCode) => stripeCode is "payment_intent_authentication_failure" or "authentication_required"
        ? OrderErrorCodes.AuthenticationRequired
        : OrderErrorCodes.PaymentDeclined;

    /// <summary>The PaymentIntent took the money, but the order had stopped waiting for it and was never marked paid.</summary>
    private static bool IsLatePayment(Order order, PaymentIntent intent) =>
        intent.Status == "succeeded" && order.Status is OrderStatus.Cancelled or OrderStatus.Failed
        && order.PaymentMethod == PaymentMethodKind.Card
        && order.PaymentStatus is not (PaymentStatus.Paid or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded);

    private async Task RefundLatePaymentAsync(PortalDb db, Order order, PaymentIntent intent, CardSummary? card, DateTime now, CancellationToken ct)
    {
        var amount = new Money(intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, Currency.Of(order.Currency));
        order.RecordLatePayment(intent.Id, intent.PaymentMethodId, card?.Brand, card?.Last4,
            $"Stripe took {amount} ({intent.Id}) after the order was {order.Status.ToString().ToLowerInvariant()}.", now);
        var refund = await refunds.BookRemainingAsync(db, order,
            new RefundTerms(RefundDestination.OriginalPaymentMethod, RefundReason.Undelivered, "The payment arrived after the order was closed.", RefundOrigin.LatePayment),
            Actor.System, ct);
        if (!refund.Succeeded)
        {
            throw new InvalidOperationException($"Order {order.Reference}: the late payment could not be refunded: {refund.Error!.Message}");
        }

        logger.LogWarning("Order {Reference}: a payment of {Amount} arrived after the order was closed; refund {Refund} returns it.",
            order.Reference, amount, refund.Value.Reference);
    }
}
