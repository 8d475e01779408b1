using System.Text.RegularExpressions;
using MerchantPortal.Common;
using MerchantPortal.Monetary;

namespace MerchantPortal.Catalog;

/// <summary>What makes a catalog item's details valid.</summary>
public static partial class CatalogItemRules
{
    public const int MaxKeyQuantity = 10_000;

    public const int MaxSkuLength = 64;

    public const int MaxNameLength = 200;

    public const int MaxDescriptionLength = 2000;

    /// <summary>
    /// The largest price, face value or step, in minor units (ten billion dollars): far above any real item, and low enough
    /// that a line of <see cref="MaxKeyQuantity"/> units with its fee and tax stays well inside a <see cref="long"/>.
    /// </summary>
    public const long MaxAmountMinor = 1_000_000_000_000;

    /// <summary>Every problem with the item's details, as one error (<see cref="Error.Combine"/>); null when valid.</summary>
    public static Error? Validate(SaveCatalogItem item)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(item.Sku))
        {
            errors.Add(CatalogErrors.SkuRequired);
        }
        else if (item.Sku.Trim().Length > MaxSkuLength || !SkuPattern().IsMatch(item.Sku.Trim()))
        {
            errors.Add(CatalogErrors.SkuInvalid);
        }

        if (string.IsNullOrWhiteSpace(item.Name))
        {
            errors.Add(CatalogErrors.NameRequired);
        }
        else if (item.Name.Trim().Length > MaxNameLength)
        {
            errors.Add(CatalogErrors.NameTooLong);
        }

        if (item.Description?.Length > MaxDescriptionLength)
        {
            errors.Add(CatalogErrors.DescriptionTooLong);
        }

        if (!Currency.TryGet(item.Currency, out _))
        {
            errors.Add(CatalogErrors.CurrencyInvalid);
        }

        errors.AddRange(ValidateAmounts(item));
        errors.AddRange(ValidateType(item));
        errors.AddRange(ValidateCharges(item));
        errors.AddRange(ValidateFields(item));
        return Error.Combine(errors);
    }

    private static IEnumerable<Error> ValidateAmounts(SaveCatalogItem item)
    {
        var amounts = item.Type == ProductType.TopUp
            ? [("min_amount", item.MinAmountMinor), ("max_amount", item.MaxAmountMinor), ("step", item.StepMinor)]
            : new[] { ("unit_price", item.UnitPriceMinor) };
        return amounts.Where(a => a.Item2 > MaxAmountMinor).Select(a => CatalogErrors.AmountTooLarge(a.Item1, item.Currency));
    }

    private static IEnumerable<Error> ValidateType(SaveCatalogItem item)
    {
        switch (item.Type)
        {
            case ProductType.Key:
                if (item.UnitPriceMinor <= 0)
                {
                    yield return CatalogErrors.PriceInvalid;
                }

                if (item.MinQuantity < 1 || item.MaxQuantity < item.MinQuantity || item.MaxQuantity > MaxKeyQuantity)
                {
                    yield return CatalogErrors.QuantityBoundsInvalid;
                }

                break;
            case ProductType.Service when item.UnitPriceMinor <= 0:
                yield return CatalogErrors.PriceInvalid;
                break;
            case ProductType.TopUp:
                if (item.MinAmountMinor <= 0 || item.MaxAmountMinor < item.MinAmountMinor)
                {
                    yield return CatalogErrors.AmountBoundsInvalid;
                }
                else if (item.StepMinor <= 0 || (item.MaxAmountMinor - item.MinAmountMinor) % item.StepMinor != 0)
                {
                    // The step is judged against valid bounds only.
                    yield return CatalogErrors.StepInvalid;
                }

                if (item.RateBasisPoints is < 1 or > 100_000)
                {
                    yield return CatalogErrors.RateInvalid;
                }

                break;
        }
    }

    private static IEnumerable<Error> ValidateCharges(SaveCatalogItem item)
    {
        if (item.FeeBasisPoints is < 0 or > 10_000)
        {
            yield return CatalogErrors.FeeInvalid;
        }

        if (item.TaxBasisPoints is < 0 or > 10_000)
        {
            yield return CatalogErrors.TaxInvalid;
        }
    }

    private static IEnumerable<Error> ValidateFields(SaveCatalogItem item)
    {
        var fields = item.Fields ?? [];
        if (item.Type == ProductType.Key)
        {
            if (fields.Count > 0)
            {
                yield return CatalogErrors.FieldInvalid("Key items take no input fields.");
            }

            yield break;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!FieldKeyPattern().IsMatch(field.Key ?? "") || !keys.Add(field.Key!))
            {
                yield return CatalogErrors.FieldInvalid(
                    $"Field key '{field.Key}' must be unique and use lower-case letters, digits and underscores, starting with a letter.");
            }
            else if (string.IsNullOrWhiteSpace(field.Label))
            {
                yield return CatalogErrors.FieldInvalid($"Field '{field.Key}' needs a label.");
            }
            else if (ValidateField(field) is { } error)
            {
                yield return error;
            }
        }
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

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SkuPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex FieldKeyPattern();
}
