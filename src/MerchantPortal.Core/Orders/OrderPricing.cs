using MerchantPortal.Catalog;
using MerchantPortal.Monetary;

namespace MerchantPortal.Orders;

/// <summary>The price of one order line, in minor units: subtotal + fee + tax = total.</summary>
public sealed record LinePrice(int Units, long UnitPriceMinor, long? FaceValueMinor, long SubtotalMinor, long FeeMinor, long TaxMinor)
{
    public long TotalMinor => SubtotalMinor + FeeMinor + TaxMinor;
}

/// <summary>
/// Prices order lines (DESIGN §3): subtotal = unit price × units, or for a top-up face value × the item's
/// rate; then the fee on the subtotal and the tax on the subtotal, each rounded half to even.
/// </summary>
public static class OrderPricing
{
    public static LinePrice Price(CatalogItem item, int units, long? faceValueMinor, int feeBasisPoints, int taxBasisPoints)
    {
        var currency = Currency.Of(item.Currency);
        var subtotal = item.Type == ProductType.TopUp
            ? new Money(faceValueMinor ?? throw new ArgumentNullException(nameof(faceValueMinor)), currency).MultiplyBasisPoints(item.RateBasisPoints)
            : new Money(item.UnitPriceMinor, currency) * units;
        var fee = subtotal.MultiplyBasisPoints(item.FeeBasisPoints ?? feeBasisPoints);
        var tax = subtotal.MultiplyBasisPoints(item.TaxBasisPoints ?? taxBasisPoints);
        var unitPrice = item.Type == ProductType.TopUp ? subtotal.Minor : item.UnitPriceMinor;
        return new LinePrice(units, unitPrice, faceValueMinor, subtotal.Minor, fee.Minor, tax.Minor);
    }
}

/// <summary>A validated, priced line of an order about to be placed.</summary>
public sealed record PricedLine(CatalogItem Item, LinePrice Price, IReadOnlyList<LineFieldValue> Fields);
