using System.Globalization;
using MerchantPortal.Refunds;
using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// Refunds at Stripe: one Stripe Refund per portal refund, created with an idempotency key derived from the
/// refund's id, so a refund sent again after a lost answer or a crash is the same Stripe Refund, never a second.
/// </summary>
public sealed class StripeRefunds(StripeClientFactory stripe)
{
    internal async Task<Stripe.Refund> CreateAsync(Refunds.Refund refund, string paymentIntentId, CancellationToken ct) =>
        await new Stripe.RefundService(stripe.Client).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paymentIntentId,
            Amount = refund.AmountMinor,
            Reason = refund.Reason.StripeReason(),
            Metadata = new Dictionary<string, string>
            {
                ["refund_id"] = refund.Id.ToString(),
                ["refund_number"] = refund.Number.ToString(CultureInfo.InvariantCulture),
                ["order_id"] = refund.OrderId.ToString(),
                ["reason"] = refund.Reason.ToString(),
            },
        }, new RequestOptions { IdempotencyKey = $"refund:{refund.Id}" }, ct);

    internal async Task<Stripe.Refund> GetAsync(string stripeRefundId, CancellationToken ct) =>
        await new Stripe.RefundService(stripe.Client).GetAsync(stripeRefundId, cancellationToken: ct);

    /// <summary>The refunds of a PaymentIntent (a <c>charge</c> event names the charge, not the refund).</summary>
    internal async Task<IReadOnlyList<Stripe.Refund>> ListForPaymentAsync(string paymentIntentId, CancellationToken ct) =>
        (await new Stripe.RefundService(stripe.Client).ListAsync(new RefundListOptions { PaymentIntent = paymentIntentId, Limit = 100 }, cancellationToken: ct)).Data;

    /// <summary>Our refund's id on a Stripe Refund, when the portal made it.</summary>
    internal static Guid? PortalRefundId(Stripe.Refund refund) =>
        refund.Metadata?.TryGetValue("refund_id", out var text) == true && Guid.TryParse(text, out var id) ? id : null;
}
