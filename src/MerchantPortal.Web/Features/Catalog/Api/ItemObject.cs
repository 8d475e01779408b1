using System.Text.Json.Serialization;
using MerchantPortal.Catalog;
using MerchantPortal.Monetary;
using MerchantPortal.Web.Features.Orders.Api;

namespace MerchantPortal.Web.Features.Catalog.Api;

/// <summary>
/// A catalog item as the API exports it. <c>min_quantity</c>, <c>max_quantity</c> and <c>step</c> bound the
/// order's <c>quantity</c>: a count for keys, a face value in major units for top-ups, always 1 for services.
/// <c>stock</c> counts the available codes of a key item, neither delivered nor voided (null for other types).
/// </summary>
public sealed record ItemObject(
    long Id,
    [property: JsonPropertyName("object")] string ObjectType,
    string Sku,
    string Name,
    string Description,
    ProductType ProductType,
    string Currency,
    long UnitPrice,
    string UnitPriceFormatted,
    long? RateBasisPoints,
    decimal MinQuantity,
    decimal MaxQuantity,
    decimal Step,
    IReadOnlyList<ItemFieldObject> Fields,
    int? Stock,
    bool Active)
{
    public static ItemObject From(CatalogItemDetails details)
    {
        var item = details.Item;
        var currency = Monetary.Currency.Of(item.Currency);
        decimal Major(long minor) => new Money(minor, currency).ToMajor();
        var (min, max, step) = item.Type switch
        {
            ProductType.TopUp => (Major(item.MinAmountMinor), Major(item.MaxAmountMinor), Major(item.StepMinor)),
            ProductType.Key => (item.MinQuantity, item.MaxQuantity, 1m),
            _ => (1m, 1m, 1m),
        };
        return new ItemObject(item.Id, "item", item.Sku, item.Name, item.Description, item.Type, item.Currency,
            item.UnitPriceMinor, OrderObjects.Format(item.UnitPriceMinor, currency),
            item.Type == ProductType.TopUp ? item.RateBasisPoints : null,
            min, max, step,
            [.. item.Fields.Select(f => new ItemFieldObject(f.Key, f.Label, f.Type, f.Required, f.Pattern, f.MaxLength,
                f.Type == FieldType.Choice ? [.. f.Choices.Select(c => new ItemFieldChoiceObject(c.Id, c.Name))] : null))],
            details.Stock, item.IsActive);
    }
}

/// <summary>An input an order line gives in <c>fields</c> under <c>name</c>: text, or a choice's numeric id.</summary>
public sealed record ItemFieldObject(
    string Name, string Label, FieldType Type, bool Required, string? Pattern, int? MaxLength, IReadOnlyList<ItemFieldChoiceObject>? Choices);

public sealed record ItemFieldChoiceObject(int Id, string Name);
