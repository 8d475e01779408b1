using MerchantPortal.Common;

namespace MerchantPortal.Catalog;

/// <summary>
/// Something merchants can order: a key (codes from inventory), a top-up (a face value credited by a
/// provider) or a service. Prices are integer minor units of <see cref="Currency"/>.
/// </summary>
public sealed class CatalogItem : IVersioned
{
    private CatalogItem()
    {
    }

    public long Id { get; private set; }

    public string Sku { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public ProductType Type { get; private set; }

    public string Currency { get; private set; } = "";

    public bool IsActive { get; private set; }

    /// <summary>Price of one unit (key, service).</summary>
    public long UnitPriceMinor { get; private set; }

    /// <summary>Bounds of the unit count of a key order line.</summary>
    public int MinQuantity { get; private set; }

    public int MaxQuantity { get; private set; }

    /// <summary>Bounds and step of a top-up's face value, in minor units.</summary>
    public long MinAmountMinor { get; private set; }

    public long MaxAmountMinor { get; private set; }

    public long StepMinor { get; private set; }

    /// <summary>What a top-up costs per unit of face value, in basis points (10 000 = face value).</summary>
    public long RateBasisPoints { get; private set; }

    /// <summary>Fee and tax for this item, in basis points; null uses the merchant's default.</summary>
    public int? FeeBasisPoints { get; private set; }

    public int? TaxBasisPoints { get; private set; }

    public FulfilmentBehaviour Behaviour { get; private set; }

    public List<ItemField> Fields { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public long Version { get; private set; }

    public static CatalogItem Create(SaveCatalogItem details, DateTime now)
    {
        var item = new CatalogItem { CreatedAt = now, IsActive = true };
        item.Apply(details, now);
        return item;
    }

    /// <summary>Replaces the item's details; the request must already be valid (<see cref="CatalogItemRules"/>).</summary>
    public void Apply(SaveCatalogItem details, DateTime now)
    {
        Sku = details.Sku.Trim().ToUpperInvariant();
        Name = details.Name.Trim();
        Description = details.Description?.Trim() ?? "";
        Type = details.Type;
        Currency = details.Currency.Trim().ToUpperInvariant();
        UnitPriceMinor = details.Type == ProductType.TopUp ? 0 : details.UnitPriceMinor;
        MinQuantity = details.Type == ProductType.Key ? details.MinQuantity : 1;
        MaxQuantity = details.Type == ProductType.Key ? details.MaxQuantity : 1;
        MinAmountMinor = details.Type == ProductType.TopUp ? details.MinAmountMinor : 0;
        MaxAmountMinor = details.Type == ProductType.TopUp ? details.MaxAmountMinor : 0;
        StepMinor = details.Type == ProductType.TopUp ? details.StepMinor : 0;
        RateBasisPoints = details.Type == ProductType.TopUp ? details.RateBasisPoints : 10_000;
        FeeBasisPoints = details.FeeBasisPoints;
        TaxBasisPoints = details.TaxBasisPoints;
        Behaviour = details.Type == ProductType.Key ? FulfilmentBehaviour.Default : details.Behaviour;
        Fields = details.Type == ProductType.Key ? [] : [.. details.Fields ?? []];
        UpdatedAt = now;
    }

    public void SetActive(bool active, DateTime now)
    {
        IsActive = active;
        UpdatedAt = now;
    }
}
