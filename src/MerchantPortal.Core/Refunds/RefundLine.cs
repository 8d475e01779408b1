namespace MerchantPortal.Refunds;

/// <summary>The units of one order line a refund covers, the unit positions they hold, and the money they return.</summary>
public sealed class RefundLine
{
    private RefundLine()
    {
    }

    public long Id { get; private set; }

    public Guid RefundId { get; private set; }

    public long OrderLineId { get; private set; }

    public int LineNumber { get; private set; }

    public string Name { get; private set; } = "";

    public int Units { get; private set; }

    /// <summary>The unit positions held (<see cref="UnitSlots"/> text), so a reversal frees exactly these.</summary>
    public string Slots { get; private set; } = "";

    public long SubtotalMinor { get; private set; }

    public long FeeMinor { get; private set; }

    public long TaxMinor { get; private set; }

    public long AmountMinor { get; private set; }

    internal static RefundLine Create(long orderLineId, int lineNumber, string name, RefundShare share) => new()
    {
        OrderLineId = orderLineId,
        LineNumber = lineNumber,
        Name = name,
        Units = share.Slots.Count,
        Slots = share.Slots.ToString(),
        SubtotalMinor = share.SubtotalMinor,
        FeeMinor = share.FeeMinor,
        TaxMinor = share.TaxMinor,
        AmountMinor = share.AmountMinor,
    };
}
