using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Monetary;

namespace MerchantPortal.Web.Features.Catalog;

/// <summary>
/// The inputs of the catalog item form as people type them: amounts in major units (12.50) and rates,
/// fees and taxes in percent. <see cref="ToRequest"/> converts them to the service's minor units and
/// basis points, reporting each input that cannot be converted exactly.
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

    /// <summary>The request to save, or every input that cannot be converted (keyed by input name).</summary>
    public (SaveCatalogItem? Request, IReadOnlyList<Error> Errors) ToRequest()
    {
        if (!Monetary.Currency.TryGet(Currency, out var currency))
        {
            return (null, [CatalogErrors.CurrencyInvalid]);
        }

        var errors = new List<Error>();
        long Minor(decimal? major, string field, string missing, bool required = true)
        {
            if (major is not { } value)
            {
                if (required)
                {
                    errors.Add(new Error("AMOUNT_REQUIRED", missing, field));
                }

                return 0;
            }

            if (Math.Abs(value) > 1_000_000_000_000m)
            {
                errors.Add(new Error("AMOUNT_TOO_LARGE", "That amount is too large.", field));
                return 0;
            }

            if (!Money.TryFromMajor(value, currency, out var money))
            {
                errors.Add(new Error("AMOUNT_TOO_PRECISE", TooManyDecimals(currency), field));
                return 0;
            }

            return money.Minor;
        }

        long? BasisPoints(decimal? percent, string field, Error outOfRange)
        {
            if (percent is not { } value)
            {
                return null;
            }

            var basisPoints = value * 100m;
            if (basisPoints != decimal.Truncate(basisPoints))
            {
                errors.Add(new Error("PERCENT_TOO_PRECISE", "Enter the percentage with at most two decimal places, like 2.75.", field));
                return null;
            }

            if (basisPoints is < int.MinValue or > int.MaxValue)
            {
                errors.Add(outOfRange);
                return null;
            }

            return (long)basisPoints;
        }

        var isTopUp = Type == ProductType.TopUp;
        var unitPrice = isTopUp ? 0 : Minor(UnitPrice, "unit_price", "Enter the unit price.");
        var minAmount = isTopUp ? Minor(MinAmount, MinAmountField, "Enter the smallest face value.") : 0;
        var maxAmount = isTopUp ? Minor(MaxAmount, "max_amount", "Enter the largest face value.") : 0;
        var step = isTopUp ? Minor(Step, "step", "Enter the step between face values.") : 0;
        long rate = 10_000;
        if (isTopUp)
        {
            if (RatePercent is null)
            {
                errors.Add(new Error("RATE_REQUIRED", "Enter the rate; 100% charges the face value.", "rate"));
            }
            else
            {
                rate = BasisPoints(RatePercent, "rate", CatalogErrors.RateInvalid) ?? 10_000;
            }
        }

        var fee = BasisPoints(FeePercent, "fee", CatalogErrors.FeeInvalid);
        var tax = BasisPoints(TaxPercent, "tax", CatalogErrors.TaxInvalid);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var request = new SaveCatalogItem(Sku, Name, Description, Type, currency.Code,
            UnitPriceMinor: unitPrice,
            MinQuantity: MinQuantity,
            MaxQuantity: MaxQuantity,
            MinAmountMinor: minAmount,
            MaxAmountMinor: maxAmount,
            StepMinor: step,
            RateBasisPoints: rate,
            FeeBasisPoints: (int?)fee,
            TaxBasisPoints: (int?)tax,
            Behaviour: Type == ProductType.Key ? FulfilmentBehaviour.Default : Behaviour,
            Fields: Type == ProductType.Key ? [] : [.. Fields.Select(Clean)]);
        return (request, []);
    }

    private static string TooManyDecimals(Currency currency) => currency.Exponent == 0
        ? $"{currency.Code} has no minor unit: enter a whole amount."
        : $"{currency.Code} amounts have at most {currency.Exponent} decimal places, like {1.5m.ToString($"F{currency.Exponent}", System.Globalization.CultureInfo.InvariantCulture)}.";

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
