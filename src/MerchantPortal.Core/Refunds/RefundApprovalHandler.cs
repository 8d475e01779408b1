using MerchantPortal.Approvals;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Refunds;

/// <summary>
/// Four eyes for refunds over a merchant's threshold. Approving re-checks that the order can still be
/// refunded as asked, then the refund goes ahead like any other; rejecting gives its held units back.
/// </summary>
public sealed class RefundApprovalHandler(RefundBooking booking, RefundSubmitter submitter, OrderChangeNotifier notifier, TimeProvider clock)
    : IApprovalHandler
{
    public string Kind => ApprovalKinds.Refund;

    public async Task<Error?> ApproveAsync(PortalDb db, Approval approval, Actor approver, CancellationToken ct)
    {
        var (refund, order) = await LoadAsync(db, approval, ct);
        if (refund.Status != RefundStatus.PendingApproval)
        {
            return RefundErrors.NotAwaitingApproval(refund.Status);
        }

        if (!order.PaymentStatus.IsRefundable() || (refund.ToCard && order.PaymentReference is null))
        {
            return RefundErrors.NoLongerPossible(order.Reference, order.PaymentStatus);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        refund.Approve(approver, now);
        order.RecordRefundEvent(OrderEventTypes.RefundApproved, $"{approver.Name} approved refund {refund.Reference} ({RefundText.Describe(refund, order)}).", now);
        var started = await booking.StartAsync(db, order, refund, approver, submitInline: true, ct);
        return started.Error;
    }

    public async Task RejectAsync(PortalDb db, Approval approval, Actor approver, string? note, CancellationToken ct)
    {
        var (refund, order) = await LoadAsync(db, approval, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        refund.Reject(approver, note, now);
        foreach (var line in refund.Lines)
        {
            await LineUnits.ReleaseAsync(db, line.OrderLineId, line.Units, line.AmountMinor, ct);
        }

        order.RecordRefundEvent(OrderEventTypes.RefundRejected,
            $"{approver.Name} rejected refund {refund.Reference} ({RefundText.Describe(refund, order)}){(note is null ? "" : $": {note}")}. Its units can be refunded again.", now);
    }

    public async Task AfterCommitAsync(Approval approval, CancellationToken ct)
    {
        var refundId = Guid.Parse(approval.SubjectId);
        if (approval.Status == ApprovalStatus.Approved)
        {
            try
            {
                await submitter.SubmitAsync(refundId, ct);
            }
            catch (Exception ex) when (StripeFailures.IsUnavailable(ex) || StripeFailures.IsInProgress(ex))
            {
                // The outbox job sends it again shortly.
            }
        }

        if (approval.OrderId is { } orderId)
        {
            notifier.Changed(orderId);
        }
    }

    private static async Task<(Refund Refund, Order Order)> LoadAsync(PortalDb db, Approval approval, CancellationToken ct)
    {
        var refundId = Guid.Parse(approval.SubjectId);
        var refund = await db.Refunds.Include(r => r.Lines).SingleAsync(r => r.Id == refundId, ct);
        var order = await db.Orders.SingleAsync(o => o.Id == refund.OrderId, ct);
        return (refund, order);
    }
}
