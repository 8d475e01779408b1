using MerchantPortal.Refunds;

namespace MerchantPortal.Web.Features.Refunds.Api;

/// <summary>The body of <c>POST /api/v1/orders/{id}/refunds</c>; without <c>lines</c>, every undelivered unit is refunded.</summary>
public sealed record CreateRefundRequest
{
    public List<RefundLineInput>? Lines { get; init; }

    /// <summary><c>original_payment_method</c> (card orders) or <c>balance</c>; defaults to where the order was paid from.</summary>
    public RefundDestination? Destination { get; init; }

    /// <summary><c>undelivered</c> (default), <c>customer_request</c>, <c>duplicate</c> or <c>other</c> (then a note is required).</summary>
    public RefundReason Reason { get; init; } = RefundReason.Undelivered;

    public string? Note { get; init; }
}

public sealed record RefundLineInput
{
    public long LineId { get; init; }

    /// <summary>Units to refund (a top-up line is one unit).</summary>
    public int Quantity { get; init; }
}
