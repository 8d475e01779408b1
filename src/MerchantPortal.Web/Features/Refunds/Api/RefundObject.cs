using System.Text.Json.Serialization;
using MerchantPortal.Monetary;
using MerchantPortal.Refunds;
using MerchantPortal.Web.Features.Orders.Api;

namespace MerchantPortal.Web.Features.Refunds.Api;

/// <summary>
/// The API's refund object: <c>status</c> is <c>pending_approval</c>, <c>rejected</c>, <c>pending</c>, <c>succeeded</c> or
/// <c>failed</c> (then <c>failure_reason</c> says why); amounts in minor units with formatted twins.
/// </summary>
public sealed record RefundObject(
    Guid Id,
    [property: JsonPropertyName("object")] string ObjectType,
    string Number,
    Guid OrderId,
    RefundStatus Status,
    string Currency,
    long Amount,
    string AmountFormatted,
    RefundDestination Destination,
    RefundReason Reason,
    string? Note,
    IReadOnlyList<RefundLineObject> Lines,
    string? FailureReason,
    string? StripeRefundId,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    bool Replayed)
{
    public static RefundObject From(Refund refund, bool replayed = false)
    {
        var currency = Monetary.Currency.Of(refund.Currency);
        return new RefundObject(refund.Id, "refund", refund.Reference, refund.OrderId, refund.Status, refund.Currency,
            refund.AmountMinor, OrderObjects.Format(refund.AmountMinor, currency), refund.Destination, refund.Reason, refund.Note,
            [.. refund.Lines.OrderBy(l => l.LineNumber).Select(l => new RefundLineObject(l.OrderLineId, l.Units, l.AmountMinor, OrderObjects.Format(l.AmountMinor, currency)))],
            refund.FailureReason, refund.StripeRefundId, refund.RequestedAt, refund.CompletedAt, replayed);
    }
}

/// <summary>The units of one order line a refund covers (a top-up line is one unit) and the money they return.</summary>
public sealed record RefundLineObject(long LineId, int Quantity, long Amount, string AmountFormatted);
