using System.Globalization;
using MerchantPortal.Catalog;
using MerchantPortal.Monetary;

namespace MerchantPortal.Web.Features.Catalog;

/// <summary>How catalog values read in the portal: percentages, amounts, ranges and field definitions.</summary>
public static class CatalogDisplay
{
    /// <summary>Stock below this is highlighted, so admins upload codes before an item runs out.</summary>
    public const int LowStockThreshold = 10;

    /// <summary>Basis points as a percentage: 10 000 → "100%", 250 → "2.5%", 1234 → "12.34%".</summary>
    public static string Percent(long basisPoints) =>
        (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Amount(long minor, string currency) =>
        Currency.TryGet(currency, out var c) ? new Money(minor, c).ToString() : minor.ToString(CultureInfo.InvariantCulture);

    /// <summary>A top-up's face values, e.g. "€5.00–€100.00", or one amount when the bounds are equal.</summary>
    public static string AmountRange(long minMinor, long maxMinor, string currency) =>
        minMinor == maxMinor ? Amount(minMinor, currency) : $"{Amount(minMinor, currency)}–{Amount(maxMinor, currency)}";

    public static string FieldType(FieldType type) => type == MerchantPortal.Catalog.FieldType.Choice ? "Choice" : "Text";

    /// <summary>A choice field's options as "1 Vodafone, 2 Orange".</summary>
    public static string Choices(IEnumerable<FieldChoice> choices) =>
        string.Join(", ", choices.Select(c => $"{c.Id.ToString(CultureInfo.InvariantCulture)} {c.Name}"));

    public static string Behaviour(FulfilmentBehaviour behaviour) => behaviour switch
    {
        FulfilmentBehaviour.Succeed => "Always succeed",
        FulfilmentBehaviour.Fail => "Always fail",
        FulfilmentBehaviour.Delay => "Succeed after a delay",
        FulfilmentBehaviour.Partial => "Fail every other delivery",
        _ => "Follow the simulator settings",
    };
}
