using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// Brings an order in line with its Stripe PaymentIntent. Every path — the placement itself, the return
/// from 3-D Secure, webhooks, reconciliation — re-reads the PaymentIntent from Stripe and comes here, and
/// orders only ever move forward, so late, repeated or out-of-order events are harmless.
/// </summary>
public sealed class PaymentSync(IDbContextFactory<PortalDb> dbs, JobQueue jobs, JobSignal jobSignal, OrderChangeNotifier notifier, TimeProvider clock)
{
    /// <summary>Applies the PaymentIntent to the tracked order in the caller's unit of work; the caller saves.</summary>
    internal void Apply(PortalDb db, Order order, PaymentIntent intent, CardSummary? card, Event? stripeEvent)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (stripeEvent is not null)
        {
            order.RecordStripeEvent(stripeEvent.Id, stripeEvent.Type, now);
        }

        if (order.Status != OrderStatus.AwaitingPayment)
        {
            return;
        }

        order.RecordCardPayment(intent.Id, intent.PaymentMethodId ?? order.PaymentMethodId ?? "", card?.Brand, card?.Last4);
        switch (intent.Status)
        {
            case "succeeded":
                var amount = new Money(intent.Amount, Currency.Of(order.Currency));
                order.MarkPaid(intent.Id, $"Paid {amount} with {Describe(order)} ({intent.Id}).", now);
                jobs.Enqueue(db, JobTypes.FulfilOrder, order.Id.ToString());
                break;
            case "requires_action":
                order.RequirePaymentAction(intent.NextAction?.RedirectToUrl?.Url, now);
                break;
            case "requires_payment_method" when intent.LastPaymentError is { } error:
                order.FailPayment(ErrorCode(error.Code), error.Message ?? "The card was declined.", now);
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

    /// <summary>Loads the order, applies the PaymentIntent and saves; a concurrent change is re-read and applied again.</summary>
    public async Task ApplyAsync(Guid orderId, PaymentIntent intent, CardSummary? card, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct);
            if (order is null)
            {
                return;
            }

            Apply(db, order, intent, card, null);
            try
            {
                await db.SaveChangesAsync(ct);
                AfterCommit(orderId);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A webhook for the same payment landed first; apply again on top of what it wrote.
            }
        }
    }

    /// <summary>Wakes the fulfilment worker and refreshes open pages after a payment change was committed.</summary>
    internal void AfterCommit(Guid? orderId)
    {
        jobSignal.Notify();
        if (orderId is { } id)
        {
            notifier.Changed(id);
        }
    }

    internal static string ErrorCode(string? stripeCode) => stripeCode is "payment_intent_authentication_failure" or "authentication_required"
        ? OrderErrorCodes.AuthenticationRequired
        : OrderErrorCodes.PaymentDeclined;

    private static string Describe(Order order) =>
        order.CardBrand is { } brand ? $"{char.ToUpperInvariant(brand[0])}{brand[1..]} •••• {order.CardLast4}" : "a saved card";
}
