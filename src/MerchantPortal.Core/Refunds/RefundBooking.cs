using MerchantPortal.Approvals;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Jobs;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Refunds;

/// <summary>
/// Writes a refund into the caller's transaction — every path that gives money back comes here: support's
/// refunds, cancellations, the automatic policy and late payments. It holds the units on the lines, then
/// either parks the refund for approval, books a balance refund at once, or queues the card refund for
/// Stripe (an outbox job, so a refund whose Stripe call is lost is sent again with the same idempotency key).
/// The caller saves and commits.
/// </summary>
public sealed class RefundBooking(LedgerService ledger, JobQueue jobs, AuditTrail audit, TimeProvider clock)
{
    /// <summary>How long an inline Stripe call has before the outbox job sends the refund itself.</summary>
    private static readonly TimeSpan InlineGrace = TimeSpan.FromMinutes(1);

    /// <summary>Plans and books a refund of every unit of the order that is neither delivered nor refunded.</summary>
    internal async Task<Result<Refund>> BookRemainingAsync(PortalDb db, Order order, RefundTerms terms, Actor actor, CancellationToken ct)
    {
        var plan = RefundPlanner.Plan(order, await HeldLinesAsync(db, order.Id, ct), null);
        return plan.Succeeded ? await BookAsync(db, order, plan.Value, terms, actor, ct) : plan.Error!;
    }

    /// <summary>Books a planned refund; <see cref="RefundErrors.Conflict"/> when a line changed since it was planned.</summary>
    internal async Task<Result<Refund>> BookAsync(PortalDb db, Order order, RefundPlan plan, RefundTerms terms, Actor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lines = plan.Lines.Select(p => RefundLine.Create(p.Line.Id, p.Line.LineNumber, p.Line.Name, p.Share)).ToList();
        var refund = Refund.Create(new NewRefund(
            Guid.NewGuid(), await Counter.NextAsync(db, Counter.RefundNumbers, ct), order.Id, order.MerchantId, order.Currency,
            terms.Destination, terms.Reason, terms.Note, terms.Origin, actor, terms.RetryOfId, terms.IdempotencyKey), lines, terms.NeedsApproval, now);

        // Pending changes to the lines (a late payment marks them charged) are written first; the version check
        // below then compares with the line as this transaction read and wrote it, so only others' changes fail it.
        await db.SaveChangesAsync(ct);
        foreach (var planned in plan.Lines)
        {
            if (!await LineUnits.TryReserveAsync(db, planned.Line.Id, planned.Line.Version, planned.Share.Slots.Count, planned.Share.AmountMinor, ct))
            {
                return RefundErrors.Conflict;
            }

            await db.Entry(planned.Line).ReloadAsync(ct);
        }

        db.Refunds.Add(refund);
        var description = RefundText.Describe(refund, order);
        audit.Record(db, actor, AuditActions.RefundRequested, "refund", refund.Id.ToString(),
            $"{refund.Reference} on {order.Reference} ({Describe(terms.Origin)}): {description}", order.MerchantId);
        if (terms.NeedsApproval)
        {
            db.Approvals.Add(Approval.Request(ApprovalKinds.Refund, refund.Id.ToString(), order.MerchantId, order.Id,
                $"Refund {description} ({refund.Reference} on {order.Reference})", refund.AmountMinor, refund.Currency, actor, now));
            order.RecordRefundEvent(OrderEventTypes.RefundAwaitingApproval,
                $"{actor.Name} asked to refund {description} ({refund.Reference}); it waits for a second person's approval.", now);
            return refund;
        }

        order.RecordRefundEvent(OrderEventTypes.RefundRequested, $"{actor.Name} refunded {description} ({refund.Reference}).", now);
        return await StartAsync(db, order, refund, actor, terms.SubmitInline, ct);
    }

    /// <summary>
    /// Moves the money of a refund that may go ahead: a balance refund (or one of nothing) succeeds at once;
    /// a card refund is queued for Stripe — for now, or, when the caller sends it itself, as a safety net.
    /// </summary>
    internal async Task<Result<Refund>> StartAsync(PortalDb db, Order order, Refund refund, Actor actor, bool submitInline, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var amount = new Money(refund.AmountMinor, Currency.Of(refund.Currency));
        if (refund.ToCard && refund.AmountMinor > 0)
        {
            jobs.Enqueue(db, JobTypes.SubmitRefund, refund.Id.ToString(), submitInline ? now + InlineGrace : null);
            return refund;
        }

        if (refund.AmountMinor > 0)
        {
            var credit = await ledger.CreditAsync(db, order.MerchantId, amount, LedgerEntryKind.Refund, $"refund:{refund.Id}", order.Id,
                $"Refund {refund.Reference} of order {order.Reference}", actor, ct);
            if (!credit.Succeeded)
            {
                return credit.Error!;
            }
        }

        refund.Succeed(now);
        order.RecordRefund(refund.AmountMinor, $"Returned {amount} to {RefundText.DestinationOf(refund.Destination, order)} ({refund.Reference}).", now);
        return refund;
    }

    /// <summary>The lines of the order's refunds that hold units (their unit positions).</summary>
    internal static async Task<List<RefundLine>> HeldLinesAsync(PortalDb db, Guid orderId, CancellationToken ct) =>
        await db.Refunds.AsNoTracking()
            .Where(r => r.OrderId == orderId && RefundStatusExtensions.Holding.Contains(r.Status))
            .SelectMany(r => r.Lines)
            .ToListAsync(ct);

    /// <summary>What the order's refunds hold in money (succeeded, pending and waiting for approval): the four-eyes threshold counts it all.</summary>
    internal static Task<long> HeldMinorAsync(PortalDb db, Guid orderId, CancellationToken ct) =>
        db.Refunds.Where(r => r.OrderId == orderId && RefundStatusExtensions.Holding.Contains(r.Status)).SumAsync(r => r.AmountMinor, ct);

    private static string Describe(RefundOrigin origin) => origin switch
    {
        RefundOrigin.Cancellation => "order cancelled",
        RefundOrigin.Policy => "automatic refund policy",
        RefundOrigin.LatePayment => "payment after cancellation",
        _ => "requested",
    };
}
