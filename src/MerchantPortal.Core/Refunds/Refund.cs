using MerchantPortal.Auditing;
using MerchantPortal.Common;

namespace MerchantPortal.Refunds;

/// <summary>
/// Money going back for some units of an order, to the card it was paid with or to the merchant's balance.
/// Its units are held on the order lines from the moment it is requested until it is rejected or fails.
/// The refund guards its own state machine (<see cref="RefundStatus"/>).
/// </summary>
public sealed class Refund : IVersioned
{
    private readonly List<RefundLine> _lines = [];

    private Refund()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The human refund number; shown as <see cref="Reference"/> (RF-000123).</summary>
    public long Number { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid MerchantId { get; private set; }

    public string Currency { get; private set; } = "";

    public long SubtotalMinor { get; private set; }

    public long FeeMinor { get; private set; }

    public long TaxMinor { get; private set; }

    public long AmountMinor { get; private set; }

    public RefundDestination Destination { get; private set; }

    public RefundReason Reason { get; private set; }

    public string? Note { get; private set; }

    public RefundOrigin Origin { get; private set; }

    public RefundStatus Status { get; private set; }

    public ActorKind RequestedByKind { get; private set; }

    public string RequestedById { get; private set; } = "";

    public string RequestedByName { get; private set; } = "";

    public DateTime RequestedAt { get; private set; }

    /// <summary>Who approved or rejected it, when it needed a second person.</summary>
    public string? DecidedByName { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    /// <summary>The Stripe Refund (<c>re_…</c>) of a card refund, once Stripe has it.</summary>
    public string? StripeRefundId { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>The failed refund this one tries again.</summary>
    public Guid? RetryOfId { get; private set; }

    /// <summary>The caller's key that makes a resent request return this refund.</summary>
    public string? IdempotencyKey { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    /// <summary>When reconciliation should next read a card refund from Stripe; null when nothing is left to learn.</summary>
    public DateTime? NextCheckAt { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<RefundLine> Lines => _lines;

    public string Reference => FormatReference(Number);

    /// <summary>Whether the money goes back through Stripe, to the card the order was paid with.</summary>
    public bool ToCard => Destination == RefundDestination.OriginalPaymentMethod;

    public static string FormatReference(long number) => $"RF-{number:D6}";

    internal static Refund Create(NewRefund details, IReadOnlyList<RefundLine> lines, bool needsApproval, DateTime now)
    {
        var refund = new Refund
        {
            Id = details.Id,
            Number = details.Number,
            OrderId = details.OrderId,
            MerchantId = details.MerchantId,
            Currency = details.Currency,
            Destination = details.Destination,
            Reason = details.Reason,
            Note = details.Note,
            Origin = details.Origin,
            RetryOfId = details.RetryOfId,
            IdempotencyKey = details.IdempotencyKey,
            RequestedByKind = details.RequestedBy.Kind,
            RequestedById = details.RequestedBy.Id,
            RequestedByName = details.RequestedBy.Name,
            RequestedAt = now,
            UpdatedAt = now,
            Status = needsApproval ? RefundStatus.PendingApproval : RefundStatus.Pending,
        };
        refund._lines.AddRange(lines);
        refund.SubtotalMinor = lines.Sum(l => l.SubtotalMinor);
        refund.FeeMinor = lines.Sum(l => l.FeeMinor);
        refund.TaxMinor = lines.Sum(l => l.TaxMinor);
        refund.AmountMinor = lines.Sum(l => l.AmountMinor);
        if (refund is { Status: RefundStatus.Pending, ToCard: true })
        {
            refund.NextCheckAt = now;
        }

        return refund;
    }

    internal void Approve(Actor approver, DateTime now)
    {
        Require(Status == RefundStatus.PendingApproval, "be approved");
        Status = RefundStatus.Pending;
        DecidedByName = approver.Name;
        DecidedAt = now;
        UpdatedAt = now;
        NextCheckAt = ToCard ? now : null;
    }

    internal void Reject(Actor approver, string? note, DateTime now)
    {
        Require(Status == RefundStatus.PendingApproval, "be rejected");
        Status = RefundStatus.Rejected;
        DecidedByName = approver.Name;
        DecidedAt = now;
        FailureReason = note;
        UpdatedAt = now;
        CompletedAt = now;
    }

    /// <summary>Stripe has the refund; its outcome follows.</summary>
    internal void RecordStripeRefund(string stripeRefundId, DateTime now)
    {
        Require(ToCard && Status is RefundStatus.Pending or RefundStatus.Succeeded or RefundStatus.Failed, "record a Stripe refund");
        StripeRefundId ??= stripeRefundId;
        UpdatedAt = now;
    }

    /// <summary>The money went back. A card refund is still watched for a while: Stripe may report a failure later.</summary>
    internal void Succeed(DateTime now)
    {
        Require(Status == RefundStatus.Pending, "succeed");
        Status = RefundStatus.Succeeded;
        CompletedAt = now;
        UpdatedAt = now;
        NextCheckAt = ToCard ? now.AddHours(1) : null;
    }

    /// <summary>The money did not go back (even if Stripe first said it did); the caller reverses the books.</summary>
    internal void Fail(string reason, DateTime now)
    {
        Require(Status is RefundStatus.Pending or RefundStatus.Succeeded, "fail");
        Status = RefundStatus.Failed;
        FailureReason = reason;
        CompletedAt = now;
        UpdatedAt = now;
        NextCheckAt = null;
    }

    /// <summary>Schedules the next look at Stripe; a succeeded refund is watched for three days, then left alone.</summary>
    internal void CheckAgainAt(DateTime next)
    {
        NextCheckAt = Status == RefundStatus.Succeeded && CompletedAt is { } done && next > done.AddDays(3) ? null : next;
    }

    private void Require(bool allowed, string action)
    {
        if (!allowed)
        {
            throw new InvalidOperationException($"Refund {Reference} cannot {action} while {Status}.");
        }
    }
}

/// <summary>What identifies a new refund before its lines are added.</summary>
internal sealed record NewRefund(
    Guid Id,
    long Number,
    Guid OrderId,
    Guid MerchantId,
    string Currency,
    RefundDestination Destination,
    RefundReason Reason,
    string? Note,
    RefundOrigin Origin,
    Actor RequestedBy,
    Guid? RetryOfId,
    string? IdempotencyKey);
