using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Identity;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MerchantPortal.Refunds;

/// <summary>
/// Refunds of undelivered units, for the portal and the API alike (docs/refunds.md): what an order has left to
/// refund, a quote for some units, the refund itself — to the card (a Stripe Refund) or to the merchant's
/// balance — and a retry of one that failed. All rules live here; callers pass the <see cref="Actor"/>.
/// </summary>
public sealed class RefundService(
    IDbContextFactory<PortalDb> dbs,
    RefundBooking booking,
    RefundSubmitter submitter,
    Jobs.JobSignal jobSignal,
    OrderChangeNotifier notifier,
    ILogger<RefundService> logger)
{
    private const int MaxAttempts = 4;

    /// <summary>The order as the refund dialog needs it: each line's remaining units, the destinations, the threshold.</summary>
    public async Task<Result<RefundableOrder>> GetRefundableAsync(Guid orderId, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.RefundUnits))
        {
            return RefundErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !actor.MaySee(order.MerchantId))
        {
            return RefundErrors.OrderNotFound;
        }

        var threshold = await db.Merchants.Where(m => m.Id == order.MerchantId).Select(m => m.RefundApprovalThresholdMinor).SingleAsync(ct);
        return new RefundableOrder(order.Id, order.Reference, order.Currency, order.PaymentMethod, order.CardBrand, order.CardLast4,
            order.PaymentMethod == PaymentMethodKind.Card ? [RefundDestination.OriginalPaymentMethod, RefundDestination.Balance] : [RefundDestination.Balance],
            DefaultDestination(order),
            [.. order.Lines.OrderBy(l => l.LineNumber).Select(l => new RefundableLine(l.Id, l.LineNumber, l.Name, l.Type, l.Units, l.DeliveredUnits, l.RefundedUnits))],
            threshold,
            await RefundBooking.HeldMinorAsync(db, order.Id, ct),
            Refusal(order));
    }

    /// <summary>
    /// Why nothing of the order can be refunded now (cancelled, never paid, fully refunded, or every unit
    /// delivered or refunded), or null when something can. Pages use it to explain a disabled Refund action.
    /// </summary>
    public static Error? Refusal(Order order) =>
        CheckOrder(order, allowCancelled: false) ?? (order.Lines.Any(l => l.RemainingUnits > 0) ? null : RefundErrors.NothingToRefund);

    /// <summary>What refunding the given units (or every unit left) would return, without changing anything.</summary>
    public async Task<Result<RefundQuote>> QuoteAsync(Guid orderId, IReadOnlyList<RefundLineRequest>? lines, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.RefundUnits))
        {
            return RefundErrors.NotAllowed;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !actor.MaySee(order.MerchantId))
        {
            return RefundErrors.OrderNotFound;
        }

        if (CheckOrder(order, allowCancelled: false) is { } refused)
        {
            return refused;
        }

        var plan = RefundPlanner.Plan(order, await RefundBooking.HeldLinesAsync(db, order.Id, ct), lines);
        return plan.Succeeded
            ? RefundPlanner.Quote(order, plan.Value, await NeedsApprovalAsync(db, order, plan.Value.AmountMinor, RefundOrigin.Requested, actor, ct))
            : plan.Error!;
    }

    /// <summary>
    /// Refunds units of a paid order. The units are held at once (two agents refunding the same units: one
    /// wins, the other is told they are already refunded); a refund that takes the order's refunds past the
    /// merchant's threshold waits for a second person; a balance refund succeeds at once; a card refund goes
    /// to Stripe after the commit and is usually settled when this returns.
    /// </summary>
    public async Task<Result<RequestedRefund>> RequestAsync(RequestRefund request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.RefundUnits))
        {
            return RefundErrors.NotAllowed;
        }

        if (Validate(request.Reason, request.Note, request.IdempotencyKey) is { } invalid)
        {
            return invalid;
        }

        var terms = new RefundTerms(default, request.Reason, Clean(request.Note), RefundOrigin.Requested, IdempotencyKey: Clean(request.IdempotencyKey),
            SubmitInline: true);
        return await BookWithRetriesAsync(request.OrderId, request.Lines, request.Destination, terms, allowCancelled: false, actor, ct);
    }

    /// <summary>
    /// Tries a failed refund again, to the card or the balance (also on a cancelled order): a new refund of the
    /// same units, which are refundable again since the failure was reversed.
    /// </summary>
    public async Task<Result<RequestedRefund>> RetryAsync(Guid refundId, RefundDestination? destination, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Can(Capability.RefundUnits))
        {
            return RefundErrors.NotAllowed;
        }

        Refund? failed;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            failed = await db.Refunds.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == refundId, ct);
            if (failed is null || !actor.MaySee(failed.MerchantId))
            {
                return RefundErrors.NotFound;
            }

            if (failed.Status != RefundStatus.Failed)
            {
                return RefundErrors.NotRetryable(failed.Status);
            }

            if (await db.Refunds.Where(r => r.RetryOfId == refundId).Select(r => (long?)r.Number).FirstOrDefaultAsync(ct) is { } retriedAs)
            {
                return RefundErrors.AlreadyRetried(Refund.FormatReference(retriedAs));
            }
        }

        // A retry keeps the failed refund's origin: a cancellation's or policy's refund stays exempt from four eyes,
        // while a requested one is weighed against the threshold again (the failed one no longer counts).
        var terms = new RefundTerms(default, failed.Reason, failed.Note, failed.Origin, RetryOfId: failed.Id, IdempotencyKey: $"retry:{failed.Id}", SubmitInline: true);
        var lines = failed.Lines.Select(l => new RefundLineRequest(l.OrderLineId, l.Units)).ToList();
        return await BookWithRetriesAsync(failed.OrderId, lines, destination ?? failed.Destination, terms, allowCancelled: true, actor, ct);
    }

    private async Task<Result<RequestedRefund>> BookWithRetriesAsync(
        Guid orderId, IReadOnlyList<RefundLineRequest>? lines, RefundDestination? destination, RefundTerms terms, bool allowCancelled, Actor actor, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            Result<RequestedRefund> booked;
            try
            {
                booked = await TryBookAsync(orderId, lines, destination, terms, allowCancelled, actor, ct);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A concurrent refund of the same order, or a resend with the same key, committed first: look again.
                continue;
            }

            if (booked.Error == RefundErrors.Conflict && attempt < MaxAttempts)
            {
                continue;
            }

            if (!booked.Succeeded || booked.Value.Replayed)
            {
                return booked;
            }

            jobSignal.Notify();
            notifier.Changed(orderId);
            return new RequestedRefund(await SubmitAsync(booked.Value.Refund, ct), Replayed: false);
        }
    }

    private async Task<Result<RequestedRefund>> TryBookAsync(
        Guid orderId, IReadOnlyList<RefundLineRequest>? lines, RefundDestination? destination, RefundTerms terms, bool allowCancelled, Actor actor, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !actor.MaySee(order.MerchantId))
        {
            return RefundErrors.OrderNotFound;
        }

        if (terms.IdempotencyKey is { } key
            && await db.Refunds.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.MerchantId == order.MerchantId && r.IdempotencyKey == key, ct) is { } earlier)
        {
            return IsSameRequest(earlier, order.Id, lines, destination) ? new RequestedRefund(earlier, Replayed: true) : RefundErrors.IdempotencyKeyConflict;
        }

        if (CheckOrder(order, allowCancelled) is { } refused)
        {
            return refused;
        }

        var to = destination ?? DefaultDestination(order);
        if (to == RefundDestination.OriginalPaymentMethod && order.PaymentMethod != PaymentMethodKind.Card)
        {
            return RefundErrors.DestinationUnavailable;
        }

        var plan = RefundPlanner.Plan(order, await RefundBooking.HeldLinesAsync(db, order.Id, ct), lines);
        if (!plan.Succeeded)
        {
            return plan.Error!;
        }

        var needsApproval = await NeedsApprovalAsync(db, order, plan.Value.AmountMinor, terms.Origin, actor, ct);
        var booked = await booking.BookAsync(db, order, plan.Value, terms with { Destination = to, NeedsApproval = needsApproval }, actor, ct);
        if (!booked.Succeeded)
        {
            return booked.Error!;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RequestedRefund(booked.Value, Replayed: false);
    }

    /// <summary>Sends a card refund to Stripe now, so the agent sees the outcome; when Stripe is slow or away, the outbox job finishes it.</summary>
    private async Task<Refund> SubmitAsync(Refund refund, CancellationToken ct)
    {
        if (refund is { Status: RefundStatus.Pending, ToCard: true })
        {
            try
            {
                await submitter.SubmitAsync(refund.Id, ct);
            }
            catch (Exception ex) when (StripeFailures.IsUnavailable(ex) || StripeFailures.IsInProgress(ex))
            {
                logger.LogWarning("Refund {Reference}: Stripe did not answer; it is sent again in the background.", refund.Reference);
            }
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Refunds.AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.Id == refund.Id, ct);
    }

    private static Error? CheckOrder(Order order, bool allowCancelled)
    {
        if (order.Status == OrderStatus.Cancelled && !allowCancelled)
        {
            return RefundErrors.OrderCancelled;
        }

        return order.PaymentStatus switch
        {
            PaymentStatus.Refunded => RefundErrors.FullyRefunded,
            _ when !order.PaymentStatus.IsRefundable() => RefundErrors.NotPaid,
            _ => null,
        };
    }

    /// <summary>
    /// Four eyes: when the order's refunds, pending ones included, would pass the merchant's threshold. Only
    /// for refunds someone asked for: the system's policies, and cancellations (and retries of their refunds), are exempt.
    /// </summary>
    private static async Task<bool> NeedsApprovalAsync(PortalDb db, Order order, long amountMinor, RefundOrigin origin, Actor actor, CancellationToken ct)
    {
        if (actor.Kind == ActorKind.System || origin != RefundOrigin.Requested)
        {
            return false;
        }

        var threshold = await db.Merchants.Where(m => m.Id == order.MerchantId).Select(m => m.RefundApprovalThresholdMinor).SingleAsync(ct);
        return threshold is { } limit && await RefundBooking.HeldMinorAsync(db, order.Id, ct) + amountMinor > limit;
    }

    private static bool IsSameRequest(Refund earlier, Guid orderId, IReadOnlyList<RefundLineRequest>? lines, RefundDestination? destination) =>
        earlier.OrderId == orderId
        && (destination is null || destination == earlier.Destination)
        && (lines is not { Count: > 0 }
            || lines.OrderBy(l => l.LineId).Select(l => (l.LineId, l.Units)).SequenceEqual(earlier.Lines.OrderBy(l => l.OrderLineId).Select(l => (l.OrderLineId, l.Units))));

    internal static RefundDestination DefaultDestination(Order order) =>
        order.PaymentMethod == PaymentMethodKind.Card ? RefundDestination.OriginalPaymentMethod : RefundDestination.Balance;

    private static Error? Validate(RefundReason reason, string? note, string? idempotencyKey)
    {
        var cleanNote = Clean(note);
        if (reason == RefundReason.Other && cleanNote is null)
        {
            return RefundErrors.NoteRequired;
        }

        if (cleanNote?.Length > RefundErrors.MaxNoteLength)
        {
            return RefundErrors.NoteTooLong;
        }

        return Clean(idempotencyKey)?.Length > 255 ? RefundErrors.IdempotencyKeyTooLong : null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
