using MerchantPortal.Catalog;
using MerchantPortal.Common;

namespace MerchantPortal.Orders;

/// <summary>
/// One item of an order, with a snapshot of the item as it was sold and its price. Units are what can
/// be delivered and refunded: the key count, or 1 for a top-up or service. Delivered and refunded units
/// together never exceed the units ordered: every change of either is conditional on the line's
/// <see cref="Version"/> (refunds reserve units with one conditional update that also checks the sum).
/// </summary>
public sealed class OrderLine : IVersioned
{
    private OrderLine()
    {
    }

    public long Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Order Order { get; private set; } = default!;

    public int LineNumber { get; private set; }

    public long ItemId { get; private set; }

    public string Sku { get; private set; } = "";

    public string Name { get; private set; } = "";

    public ProductType Type { get; private set; }

    public long UnitPriceMinor { get; private set; }

    public int Units { get; private set; }

    /// <summary>For a top-up: the face value credited to the recipient, in minor units.</summary>
    public long? FaceValueMinor { get; private set; }

    public long SubtotalMinor { get; private set; }

    public long FeeMinor { get; private set; }

    public long TaxMinor { get; private set; }

    public long TotalMinor { get; private set; }

    public int DeliveredUnits { get; private set; }

    /// <summary>Units that refunds hold: succeeded ones and those still pending or waiting for approval.</summary>
    public int RefundedUnits { get; private set; }

    /// <summary>The money those refunds hold, in minor units.</summary>
    public long RefundedMinor { get; private set; }

    /// <summary>What was actually charged for the line: its total once the order is paid.</summary>
    public long ChargedMinor { get; private set; }

    public List<LineFieldValue> Fields { get; private set; } = [];

    /// <summary>Why the line could not be (fully) delivered, e.g. <c>OUT_OF_STOCK</c>.</summary>
    public string? FailureCode { get; private set; }

    public string? FailureMessage { get; private set; }

    /// <summary>The fulfilment provider's reference for a delivered top-up or service.</summary>
    public string? ProviderReference { get; private set; }

    public long Version { get; private set; }

    public int UndeliveredUnits => Units - DeliveredUnits;

    /// <summary>Units neither delivered nor refunded yet: what fulfilment may still deliver, or a refund take.</summary>
    public int RemainingUnits => Units - DeliveredUnits - RefundedUnits;

    /// <summary>Whether fulfilment is over for this line: nothing left to deliver, or a failure recorded.</summary>
    public bool IsSettled => RemainingUnits == 0 || FailureCode is not null;

    internal static OrderLine Create(int lineNumber, PricedLine priced) => new()
    {
        LineNumber = lineNumber,
        ItemId = priced.Item.Id,
        Sku = priced.Item.Sku,
        Name = priced.Item.Name,
        Type = priced.Item.Type,
        UnitPriceMinor = priced.Price.UnitPriceMinor,
        Units = priced.Price.Units,
        FaceValueMinor = priced.Price.FaceValueMinor,
        SubtotalMinor = priced.Price.SubtotalMinor,
        FeeMinor = priced.Price.FeeMinor,
        TaxMinor = priced.Price.TaxMinor,
        TotalMinor = priced.Price.TotalMinor,
        Fields = [.. priced.Fields],
    };

    internal void SetDelivered(int deliveredUnits, string? providerReference = null)
    {
        if (deliveredUnits < DeliveredUnits || deliveredUnits + RefundedUnits > Units)
        {
            throw new InvalidOperationException(
                $"Line {Id} cannot go from {DeliveredUnits} to {deliveredUnits} of {Units} delivered units ({RefundedUnits} refunded).");
        }

        DeliveredUnits = deliveredUnits;
        ProviderReference ??= providerReference;
    }

    internal void Fail(string code, string message)
    {
        FailureCode = code;
        FailureMessage = message;
    }

    /// <summary>The order was paid: the whole line was charged.</summary>
    internal void MarkCharged() => ChargedMinor = TotalMinor;

    /// <summary>Fulfilment will try the remaining units again.</summary>
    internal void Reopen()
    {
        FailureCode = null;
        FailureMessage = null;
    }
}
