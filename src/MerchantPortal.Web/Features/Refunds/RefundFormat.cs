using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;
using MudBlazor;

namespace MerchantPortal.Web.Features.Refunds;

/// <summary>How refunds read in the portal: reasons, destinations, origins and the outcome told after a refund.</summary>
public static class RefundFormat
{
    public static string Reason(RefundReason reason) => reason switch
    {
        RefundReason.Undelivered => "Not delivered",
        RefundReason.CustomerRequest => "The customer asked",
        RefundReason.Duplicate => "Duplicate order",
        RefundReason.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>A destination as a choice in the refund dialog: "Visa •••• 4242 (original payment)" or "Merchant balance".</summary>
    public static string DestinationChoice(RefundDestination destination, string? cardBrand, string? cardLast4) =>
        destination == RefundDestination.Balance ? "Merchant balance" : $"{CardLabel.Of(cardBrand, cardLast4)} (original payment)";

    /// <summary>Where a refund's money went, as a fact: "Visa •••• 4242" or "Merchant balance".</summary>
    public static string Destination(RefundDestination destination, Order order) =>
        destination == RefundDestination.Balance ? "Merchant balance" : CardLabel.Of(order.CardBrand, order.CardLast4);

    /// <summary>What started a refund, when it was not someone's request.</summary>
    public static string? Origin(RefundOrigin origin) => origin switch
    {
        RefundOrigin.Requested => null,
        RefundOrigin.Cancellation => "Order cancelled",
        RefundOrigin.Policy => "Automatic refund",
        RefundOrigin.LatePayment => "Late payment",
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, null),
    };

    /// <summary>What became of a refund just made: "Refund RF-000012 of $61.20 succeeded", "… sent to Stripe", "… waits for approval".</summary>
    public static (string Message, Severity Severity) Outcome(Refund refund)
    {
        var what = $"Refund {refund.Reference} of {new Money(refund.AmountMinor, Currency.Of(refund.Currency))}";
        return refund.Status switch
        {
            RefundStatus.Succeeded => ($"{what} succeeded", Severity.Success),
            RefundStatus.Pending when refund.ToCard => ($"{what} sent to Stripe", Severity.Info),
            RefundStatus.Pending => ($"{what} is pending", Severity.Info),
            RefundStatus.PendingApproval => ($"{what} waits for approval", Severity.Info),
            RefundStatus.Failed => ($"{what} failed: {refund.FailureReason ?? "no reason was given"}", Severity.Error),
            RefundStatus.Rejected => ($"{what} was rejected", Severity.Warning),
            _ => throw new ArgumentOutOfRangeException(nameof(refund), refund.Status, null),
        };
    }

    /// <summary>Why the order cannot be refunded now, for the disabled Refund button; null when it can (Core's own rule).</summary>
    public static string? WhyNotRefundable(Order order) => RefundService.Refusal(order)?.Message;

    /// <summary>Whether a refund failed and was not tried again yet.</summary>
    public static bool CanRetry(Refund refund, IEnumerable<Refund> all) =>
        refund.Status == RefundStatus.Failed && !all.Any(r => r.RetryOfId == refund.Id);
}
