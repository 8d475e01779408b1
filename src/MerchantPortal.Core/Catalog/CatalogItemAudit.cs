using System.Globalization;
using MerchantPortal.Auditing;

namespace MerchantPortal.Catalog;

/// <summary>An item's audited fields as a person reads them, so an edit is recorded as before → after values.</summary>
internal static class CatalogItemAudit
{
    public static IReadOnlyList<(string Field, string Value)> Snapshot(CatalogItem item) =>
    [
        ("sku", item.Sku),
        ("name", item.Name),
        ("description", item.Description),
        ("type", item.Type.ToString()),
        ("currency", item.Currency),
        ("unit_price_minor", Number(item.UnitPriceMinor)),
        ("quantity", $"{item.MinQuantity}–{item.MaxQuantity}"),
        ("amount_minor", $"{Number(item.MinAmountMinor)}–{Number(item.MaxAmountMinor)} step {Number(item.StepMinor)}"),
        ("rate", Percent(item.RateBasisPoints)),
        ("fee", item.FeeBasisPoints is { } fee ? Percent(fee) : "merchant default"),
        ("tax", item.TaxBasisPoints is { } tax ? Percent(tax) : "merchant default"),
        ("behaviour", item.Behaviour.ToString()),
        ("fields", string.Join(", ", item.Fields.Select(f => f.Key))),
    ];

    public static IReadOnlyList<AuditChange> Changes(IReadOnlyList<(string Field, string Value)> before, CatalogItem after) =>
        AuditChange.Diff([.. before.Zip(Snapshot(after), (b, a) => (b.Field, (string?)b.Value, (string?)a.Value))]);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(long basisPoints) => (basisPoints / 100m).ToString(CultureInfo.InvariantCulture) + "%";
}
