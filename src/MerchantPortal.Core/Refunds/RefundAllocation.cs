using MerchantPortal.Monetary;

namespace MerchantPortal.Refunds;

/// <summary>The money of an order line as refunds see it: what it cost, split by kind, and what was actually charged.</summary>
public sealed record LineMoney(int Units, long SubtotalMinor, long FeeMinor, long TaxMinor, long ChargedMinor, Currency Currency)
{
    public long TotalMinor => SubtotalMinor + FeeMinor + TaxMinor;
}

/// <summary>The money a refund of some units of a line returns, by kind, and the unit positions it holds.</summary>
public sealed record RefundShare(UnitSlots Slots, long SubtotalMinor, long FeeMinor, long TaxMinor)
{
    public long AmountMinor => SubtotalMinor + FeeMinor + TaxMinor;
}

/// <summary>
/// How much a refund of undelivered units returns (DESIGN §6, docs/refunds.md). The line's subtotal, fee and
/// tax are each split over its units with <see cref="Money.Allocate(int)"/> (largest remainder: the first
/// positions carry the extra minor units). Delivered units take the lowest free positions, refunds the
/// highest, so the two never meet: all refunds of a line together return exactly the share of the units not
/// delivered, never more, in whatever steps they are made — and a refund that fails gives back exactly the
/// positions, and money, it took. A refund never returns more than was actually charged for the line.
/// </summary>
public static class RefundAllocation
{
    /// <summary>
    /// The share of <paramref name="units"/> more units of the line, given the units delivered so far and the
    /// positions that refunds already hold (with the money they hold).
    /// </summary>
    public static RefundShare ShareOf(LineMoney line, int delivered, UnitSlots refunded, long refundedMinor, int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        if (delivered + refunded.Count + units > line.Units)
        {
            throw new ArgumentOutOfRangeException(nameof(units), $"Only {line.Units - delivered - refunded.Count} unit(s) are left to refund.");
        }

        var slots = refunded.HighestFree(line.Units, units);
        var subtotal = ValueOf(line.SubtotalMinor, line, slots);
        var fee = ValueOf(line.FeeMinor, line, slots);
        var tax = ValueOf(line.TaxMinor, line, slots);

        // What the delivered units are worth stays with the merchant; only the rest of the charge can go back.
        var deliveredSlots = refunded.LowestFree(line.Units, delivered);
        var deliveredValue = ValueOf(line.SubtotalMinor, line, deliveredSlots) + ValueOf(line.FeeMinor, line, deliveredSlots)
            + ValueOf(line.TaxMinor, line, deliveredSlots);
        var available = Math.Max(0, line.ChargedMinor - deliveredValue - refundedMinor);
        if (subtotal + fee + tax <= available)
        {
            return new RefundShare(slots, subtotal, fee, tax);
        }

        if (subtotal + fee + tax == 0 || available == 0)
        {
            return new RefundShare(slots, 0, 0, 0);
        }

        var capped = new Money(available, line.Currency).Allocate([subtotal, fee, tax]);
        return new RefundShare(slots, capped[0].Minor, capped[1].Minor, capped[2].Minor);
    }

    /// <summary>What the given unit positions are worth of one amount of the line.</summary>
    public static long ValueOf(long amountMinor, LineMoney line, UnitSlots slots)
    {
        if (slots.Count == 0 || amountMinor == 0)
        {
            return 0;
        }

        var parts = new Money(amountMinor, line.Currency).Allocate(line.Units);
        return slots.Positions.Sum(p => parts[p].Minor);
    }
}
