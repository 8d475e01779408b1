using System.Globalization;
using MerchantPortal.Common;
using MerchantPortal.Orders;
using Microsoft.Extensions.Options;
using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// Charges an order to a saved card with one PaymentIntent per order: confirmed at once, metadata
/// <c>order_id</c>, and an idempotency key derived from the order id, so however often the call is
/// retried the card is charged at most once.
/// </summary>
public sealed class CardPayments(StripeClientFactory stripe, IOptionsMonitor<StripeOptions> options)
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>Checks that the card is saved for this Stripe customer before an order is created.</summary>
    internal async Task<Error?> CheckCardAsync(string? stripeCustomerId, string paymentMethodId, CancellationToken ct)
    {
        if (!IsConfigured)
        {
            return PaymentErrors.NotConfigured;
        }

        if (stripeCustomerId is null)
        {
            return PaymentErrors.NoSavedCards;
        }

        try
        {
            return await CardService.BelongsAsync(stripe.Client, stripeCustomerId, paymentMethodId, ct) ? null : PaymentErrors.CardNotFound;
        }
        catch (Exception ex) when (StripeFailures.IsUnavailable(ex))
        {
            return PaymentErrors.StripeUnavailable;
        }
    }

    /// <summary>
    /// Creates and confirms the order's PaymentIntent. A decline is not an error here: the returned
    /// PaymentIntent carries it (requires_payment_method with last_payment_error). Only a missing answer is
    /// an error — Stripe unreachable, the answer lost, or Stripe still busy with the same request (409) — and
    /// then the card may or may not have been charged: the call can be repeated under the same key.
    /// </summary>
    internal async Task<Result<(PaymentIntent Intent, CardSummary? Card)>> ChargeAsync(
        Order order, string stripeCustomerId, string? returnUrl, CancellationToken ct)
    {
        var client = stripe.Client;
        PaymentIntent intent;
        try
        {
            intent = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = order.TotalMinor,
                Currency = order.Currency.ToLowerInvariant(),
                Customer = stripeCustomerId,
                PaymentMethod = order.PaymentMethodId,
                Confirm = true,
                ReturnUrl = returnUrl,
                Description = $"Order {order.Reference}",
                Metadata = new Dictionary<string, string>
                {
                    ["order_id"] = order.Id.ToString(),
                    ["order_number"] = order.Number.ToString(CultureInfo.InvariantCulture),
                    ["merchant_id"] = order.MerchantId.ToString(),
                },
            }, new RequestOptions { IdempotencyKey = $"order:{order.Id}:payment" }, ct);
        }
        catch (StripeException ex) when (StripeFailures.IsCardError(ex) && ex.StripeError.PaymentIntent is { } declined)
        {
            intent = declined;
        }
        catch (Exception ex) when (StripeFailures.IsUnavailable(ex) || StripeFailures.IsInProgress(ex))
        {
            return PaymentErrors.PaymentUnconfirmed;
        }
        catch (StripeException ex) when (StripeFailures.IsKeyReused(ex))
        {
            return PaymentErrors.PaymentAlreadyRequested;
        }

        try
        {
            return (intent, await CardOfAsync(client, intent.PaymentMethodId ?? order.PaymentMethodId, ct));
        }
        catch (Exception ex) when (StripeFailures.IsUnavailable(ex))
        {
            // The payment itself is known; the card's brand and last digits can be shown without.
            return (intent, (CardSummary?)null);
        }
    }

    /// <summary>Reads the PaymentIntent again from Stripe, with its card, before acting on it.</summary>
    public async Task<(PaymentIntent Intent, CardSummary? Card)> ReadAsync(string paymentIntentId, CancellationToken ct)
    {
        var client = stripe.Client;
        var intent = await new PaymentIntentService(client).GetAsync(paymentIntentId, cancellationToken: ct);
        return (intent, await CardOfAsync(client, intent.PaymentMethodId, ct));
    }

    /// <summary>Cancels a PaymentIntent (it waited too long, or its order was cancelled); Stripe answers with its final state (it may have succeeded meanwhile).</summary>
    internal async Task<PaymentIntent> CancelAsync(string paymentIntentId, CancellationToken ct)
    {
        var service = new PaymentIntentService(stripe.Client);
        try
        {
            return await service.CancelAsync(paymentIntentId, cancellationToken: ct);
        }
        catch (StripeException ex) when (ex.StripeError?.Code == "payment_intent_unexpected_state")
        {
            return await service.GetAsync(paymentIntentId, cancellationToken: ct);
        }
    }

    /// <summary>The customer's PaymentIntents for an order, found by metadata (when the create call's answer was lost).</summary>
    internal async Task<PaymentIntent?> FindForOrderAsync(string stripeCustomerId, Guid orderId, CancellationToken ct)
    {
        var intents = await new PaymentIntentService(stripe.Client).ListAsync(
            new PaymentIntentListOptions { Customer = stripeCustomerId, Limit = 100 }, cancellationToken: ct);
        return intents.Data.FirstOrDefault(i => i.Metadata.TryGetValue("order_id", out var id) && id == orderId.ToString());
    }

    private static async Task<CardSummary?> CardOfAsync(IStripeClient client, string? paymentMethodId, CancellationToken ct)
    {
        if (paymentMethodId is null)
        {
            return null;
        }

        var method = await new PaymentMethodService(client).GetAsync(paymentMethodId, cancellationToken: ct);
        return method.Card is { } card ? new CardSummary(card.Brand, card.Last4) : null;
    }
}
