namespace MerchantPortal.Catalog;

/// <summary>The details of a catalog item, to create it or replace its current details.</summary>
public sealed record SaveCatalogItem(
    string Sku,
    string Name,
    string? Description,
    ProductType Type,
    string Currency,
    long UnitPriceMinor = 0,
    int MinQuantity = 1,
    int MaxQuantity = 1,
    long MinAmountMinor = 0,
    long MaxAmountMinor = 0,
    long StepMinor = 0,
    long RateBasisPoints = 10_000,
    int? FeeBasisPoints = null,
    int? TaxBasisPoints = null,
    FulfilmentBehaviour Behaviour = FulfilmentBehaviour.Default,
    IReadOnlyList<ItemField>? Fields = null);

/// <summary>Filters for the catalog list.</summary>
public sealed record CatalogQuery(
    string? Search = null,
    ProductType? Type = null,
    bool IncludeInactive = false,
    string? Currency = null,
    int Page = 0,
    int PageSize = 25);

/// <summary>
/// A catalog item as lists show it, with its stock of available codes (keys only; delivered and voided codes are not stock) and, for top-ups, the
/// rate charged per unit of face value in basis points.
/// </summary>
public sealed record CatalogItemSummary(
    long Id,
    string Sku,
    string Name,
    ProductType Type,
    string Currency,
    bool IsActive,
    long UnitPriceMinor,
    long MinAmountMinor,
    long MaxAmountMinor,
    int? Stock,
    long RateBasisPoints);

/// <summary>Everything about one item, for its detail page, the new-order form and the API.</summary>
public sealed record CatalogItemDetails(CatalogItem Item, int? Stock, int DeliveredCodes);
