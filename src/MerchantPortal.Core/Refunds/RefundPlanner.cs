using MerchantPortal.Common;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;

namespace MerchantPortal.Refunds;

/// <summary>One line of a planned refund (tracked, as read in the refund's transaction) and its share.</summary>
internal sealed record PlannedLine(OrderLine Line, RefundShare Share);

internal sealed record RefundPlan(IReadOnlyList<PlannedLine> Lines)
{
    public long AmountMinor => Lines.Sum(l => l.Share.AmountMinor);
}

/// <summary>
/// Works out which units a refund takes and what they return, from the order's lines as just read and the
/// unit positions that refunds already hold. Checks the request against what each line has left.
/// </summary>
internal static class RefundPlanner
{
    /// <summary>Plans refunding <paramref name="requested"/> units, or every unit left when none are named.</summary>
    public static Result<RefundPlan> Plan(Order order, IReadOnlyList<RefundLine> held, IReadOnlyList<RefundLineRequest>? requested)
    {
        var wanted = new List<(OrderLine Line, int Units)>();
        if (requested is not { Count: > 0 })
        {
            wanted.AddRange(order.Lines.Where(l => l.RemainingUnits > 0).Select(l => (l, l.RemainingUnits)));
            if (wanted.Count == 0)
            {
                return RefundErrors.NothingToRefund;
            }
        }
        else
        {
            for (var i = 0; i < requested.Count; i++)
            {
                var ask = requested[i];
                var line = order.Lines.FirstOrDefault(l => l.Id == ask.LineId);
                if (line is null)
                {
                    return RefundErrors.LineNotFound(i);
                }

                if (wanted.Any(w => w.Line.Id == line.Id))
                {
                    return RefundErrors.LineRepeated(i);
                }

                if (ask.Units < 1)
                {
                    return RefundErrors.UnitsInvalid(i);
                }

                if (ask.Units > line.RemainingUnits)
                {
                    return RefundErrors.UnitsUnavailable(i, line.Name, ask.Units, line.DeliveredUnits, line.RefundedUnits, line.RemainingUnits);
                }

                wanted.Add((line, ask.Units));
            }
        }

        var currency = Currency.Of(order.Currency);
        var planned = new List<PlannedLine>();
        foreach (var (line, units) in wanted.OrderBy(w => w.Line.LineNumber))
        {
            var slots = UnitSlots.Union(held.Where(h => h.OrderLineId == line.Id).Select(h => UnitSlots.Parse(h.Slots)));
            if (slots.Count != line.RefundedUnits)
            {
                // The line and the refunds were read either side of another refund's commit: read again.
                return RefundErrors.Conflict;
            }

            var money = new LineMoney(line.Units, line.SubtotalMinor, line.FeeMinor, line.TaxMinor, line.ChargedMinor, currency);
            planned.Add(new PlannedLine(line, RefundAllocation.ShareOf(money, line.DeliveredUnits, slots, line.RefundedMinor, units)));
        }

        return new RefundPlan(planned);
    }

    /// <summary>The quote the refund dialog shows for a plan.</summary>
    public static RefundQuote Quote(Order order, RefundPlan plan, bool needsApproval) => new(
        [.. plan.Lines.Select(p => new RefundQuoteLine(p.Line.Id, p.Line.LineNumber, p.Line.Name, p.Share.Slots.Count,
            p.Share.SubtotalMinor, p.Share.FeeMinor, p.Share.TaxMinor, p.Share.AmountMinor))],
        plan.AmountMinor, order.Currency, needsApproval);
}
