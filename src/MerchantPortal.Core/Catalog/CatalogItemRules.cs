using System.Text.RegularExpressions;
using MerchantPortal.Common;
using MerchantPortal.Monetary;

namespace MerchantPortal.Catalog;

/// <summary>What makes a catalog item's details valid.</summary>
public static partial class CatalogItemRules
{
    public const int MaxKeyQuantity = 10_000;

    public static Error? Validate(SaveCatalogItem item)
    {
        if (string.IsNullOrWhiteSpace(item.Sku))
        {
            return CatalogErrors.SkuRequired;
        }

        if (!SkuPattern().IsMatch(item.Sku.Trim()))
        {
            return CatalogErrors.SkuInvalid;
        }

        if (string.IsNullOrWhiteSpace(item.Name))
        {
            return CatalogErrors.NameRequired;
        }

        if (item.Name.Trim().Length > 200)
        {
            return CatalogErrors.NameTooLong;
        }

        if (item.Description?.Length > 2000)
        {
            return CatalogErrors.DescriptionTooLong;
        }

        if (!Currency.TryGet(item.Currency, out _))
        {
            return CatalogErrors.CurrencyInvalid;
        }

        return ValidateType(item) ?? ValidateCharges(item) ?? ValidateFields(item);
    }

    private static Error? ValidateType(SaveCatalogItem item) => item.Type switch
    {
        ProductType.Key when item.UnitPriceMinor <= 0 => CatalogErrors.PriceInvalid,
        ProductType.Key when item.MinQuantity < 1 || item.MaxQuantity < item.MinQuantity || item.MaxQuantity > MaxKeyQuantity =>
            CatalogErrors.QuantityBoundsInvalid,
        ProductType.Service when item.UnitPriceMinor <= 0 => CatalogErrors.PriceInvalid,
        ProductType.TopUp when item.MinAmountMinor <= 0 || item.MaxAmountMinor < item.MinAmountMinor => CatalogErrors.AmountBoundsInvalid,
        ProductType.TopUp when item.StepMinor <= 0 || (item.MaxAmountMinor - item.MinAmountMinor) % item.StepMinor != 0 =>
            CatalogErrors.StepInvalid,
        ProductType.TopUp when item.RateBasisPoints is < 1 or > 100_000 => CatalogErrors.RateInvalid,
        _ => null,
    };

    private static Error? ValidateCharges(SaveCatalogItem item)
    {
        if (item.FeeBasisPoints is < 0 or > 10_000)
        {
            return CatalogErrors.FeeInvalid;
        }

        return item.TaxBasisPoints is < 0 or > 10_000 ? CatalogErrors.TaxInvalid : null;
    }

    private static Error? ValidateFields(SaveCatalogItem item)
    {
        var fields = item.Fields ?? [];
        if (item.Type == ProductType.Key)
        {
            return fields.Count == 0 ? null : CatalogErrors.FieldInvalid("Key items take no input fields.");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!FieldKeyPattern().IsMatch(field.Key ?? "") || !keys.Add(field.Key!))
            {
                return CatalogErrors.FieldInvalid(
                    $"Field key '{field.Key}' must be unique and use lower-case letters, digits and underscores, starting with a letter.");
            }

            if (string.IsNullOrWhiteSpace(field.Label))
            {
                return CatalogErrors.FieldInvalid($"Field '{field.Key}' needs a label.");
            }

            if (ValidateField(field) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static Error? ValidateField(ItemField field)
    {
        if (field.Type == FieldType.Choice)
        {
            if (field.Choices.Count == 0 || field.Choices.Select(c => c.Id).Distinct().Count() != field.Choices.Count
                || field.Choices.Any(c => string.IsNullOrWhiteSpace(c.Name)))
            {
                return CatalogErrors.FieldInvalid($"Choice field '{field.Key}' needs at least one choice, each with a unique id and a name.");
            }

            return null;
        }

        if (field.MaxLength is < 1 or > 1000)
        {
            return CatalogErrors.FieldInvalid($"Field '{field.Key}' must allow between 1 and 1000 characters.");
        }

        if (field.Pattern is { Length: > 0 } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, FieldValidation.RegexTimeout);
            }
            catch (ArgumentException)
            {
                return CatalogErrors.FieldInvalid($"Field '{field.Key}' has a pattern that is not a valid regular expression.");
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SkuPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex FieldKeyPattern();
}
