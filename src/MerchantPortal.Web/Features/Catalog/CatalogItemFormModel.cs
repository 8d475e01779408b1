using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Monetary;

namespace MerchantPortal.Web.Features.Catalog;

/// <summary>
/// The inputs of the catalog item form as people type them: amounts in major units (12.50) and rates,
/// fees and taxes in percent. <see cref="ToRequest"/> converts them to the service's minor units and
/// basis points, reporting each input that cannot be converted exactly; everything else the service's validation judges.
/// </summary>
public sealed class CatalogItemFormModel
{
    /// <summary>The input name of the smallest face value; the other inputs use the service's <see cref="Error.Field"/> names.</summary>
    public const string MinAmountField = "min_amount";

    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public ProductType Type { get; set; } = ProductType.Key;

    public string Currency { get; set; } = "USD";

    public decimal? UnitPrice { get; set; }

    public int MinQuantity { get; set; } = 1;

    public int MaxQuantity { get; set; } = 10;

    public decimal? MinAmount { get; set; }

    public decimal? MaxAmount { get; set; }

    public decimal? Step { get; set; }

    public decimal? RatePercent { get; set; } = 100m;

    /// <summary>Null uses the merchant's default fee.</summary>
    public decimal? FeePercent { get; set; }

    /// <summary>Null uses the merchant's default tax.</summary>
    public decimal? TaxPercent { get; set; }

    public FulfilmentBehaviour Behaviour { get; set; }

    public List<ItemField> Fields { get; set; } = [];

    public static CatalogItemFormModel From(CatalogItem item)
    {
        // One minor unit with the currency's scale (0.01 for USD), so 1250 shows as 12.50 rather than 12.5.
        var minorUnit = new decimal(1, 0, 0, false, (byte)Monetary.Currency.Of(item.Currency).Exponent);
        decimal Major(long minor) => minor * minorUnit;
        return new CatalogItemFormModel
        {
            Sku = item.Sku,
            Name = item.Name,
            Description = item.Description,
            Type = item.Type,
            Currency = item.Currency,
            UnitPrice = item.Type == ProductType.TopUp ? null : Major(item.UnitPriceMinor),
            MinQuantity = item.Type == ProductType.Key ? item.MinQuantity : 1,
            MaxQuantity = item.Type == ProductType.Key ? item.MaxQuantity : 10,
            MinAmount = item.Type == ProductType.TopUp ? Major(item.MinAmountMinor) : null,
            MaxAmount = item.Type == ProductType.TopUp ? Major(item.MaxAmountMinor) : null,
            Step = item.Type == ProductType.TopUp ? Major(item.StepMinor) : null,
            RatePercent = item.RateBasisPoints / 100m,
            FeePercent = item.FeeBasisPoints / 100m,
            TaxPercent = item.TaxBasisPoints / 100m,
            Behaviour = item.Behaviour,
            Fields = [.. item.Fields.Select(Copy)],
        };
    }

    /// <summary>
    /// The request to save, and every input that has no exact value in the service's units: an amount with more decimals
    /// than the currency has, a percentage with more than two. Those are sent rounded, so asking the service's validation
    /// with the request reports every other problem as well; what is empty or out of range is the service's to say.
    /// </summary>
    public (SaveCatalogItem Request, IReadOnlyList<Error> Unconvertible) ToRequest()
    {
        // An unknown currency is the service's to report; until then amounts are read as if it had cents.
        var currency = Monetary.Currency.TryGet(Currency, out var known) ? known : null;
        var errors = new List<Error>();
        long Minor(decimal? major, string field)
        {
            // Beyond what minor units hold is simply too large, as the service's limit says.
            if (Math.Abs(major ?? 0) > long.MaxValue)
            {
                return long.MaxValue;
            }

            var minor = (major ?? 0) * new decimal(Math.Pow(10, currency?.Exponent ?? 2));
            if (minor != decimal.Truncate(minor) && currency is not null)
            {
                errors.Add(CatalogErrors.AmountTooPrecise(field, currency));
            }

            return (long)Math.Clamp(Math.Round(minor), long.MinValue, long.MaxValue);
        }

        int? BasisPoints(decimal? percent, string field)
        {
            if (percent is not { } value)
            {
                return null;
            }

            var basisPoints = value * 100m;
            if (basisPoints != decimal.Truncate(basisPoints))
            {
                errors.Add(CatalogErrors.PercentTooPrecise(field));
            }

            return (int)Math.Clamp(Math.Round(basisPoints), int.MinValue, int.MaxValue);
        }

        var isTopUp = Type == ProductType.TopUp;
        var request = new SaveCatalogItem(Sku, Name, Description, Type, currency?.Code ?? Currency,
            UnitPriceMinor: isTopUp ? 0 : Minor(UnitPrice, "unit_price"),
            MinQuantity: MinQuantity,
            MaxQuantity: MaxQuantity,
            MinAmountMinor: isTopUp ? Minor(MinAmount, MinAmountField) : 0,
            MaxAmountMinor: isTopUp ? Minor(MaxAmount, "max_amount") : 0,
            StepMinor: isTopUp ? Minor(Step, "step") : 0,
            RateBasisPoints: isTopUp ? BasisPoints(RatePercent, "rate") ?? 0 : 10_000,
            FeeBasisPoints: BasisPoints(FeePercent, "fee"),
            TaxBasisPoints: BasisPoints(TaxPercent, "tax"),
            Behaviour: Type == ProductType.Key ? FulfilmentBehaviour.Default : Behaviour,
            Fields: Type == ProductType.Key ? [] : [.. Fields.Select(Clean)]);
        return (request, errors);
    }

    private static ItemField Copy(ItemField field) => new()
    {
        Key = field.Key,
        Label = field.Label,
        Type = field.Type,
        Required = field.Required,
        Pattern = field.Pattern,
        MaxLength = field.MaxLength,
        Choices = [.. field.Choices.Select(c => new FieldChoice { Id = c.Id, Name = c.Name })],
    };

    /// <summary>A copy with only what the field's type uses, trimmed, and an empty pattern as none.</summary>
    private static ItemField Clean(ItemField field)
    {
        var copy = Copy(field);
        copy.Key = copy.Key.Trim();
        copy.Label = copy.Label.Trim();
        if (copy.Type == FieldType.Choice)
        {
            copy.Pattern = null;
            copy.MaxLength = null;
            copy.Choices.ForEach(c => c.Name = c.Name.Trim());
        }
        else
        {
            copy.Pattern = string.IsNullOrWhiteSpace(copy.Pattern) ? null : copy.Pattern.Trim();
            copy.Choices = [];
        }

        return copy;
    }
}
