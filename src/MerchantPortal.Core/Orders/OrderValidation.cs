using System.Globalization;
using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;

namespace MerchantPortal.Orders;

/// <summary>Checks a <see cref="PlaceOrder"/> request and prices its lines, before anything is written.</summary>
internal static class OrderValidation
{
    /// <summary>
    /// Checks what needs no database: line count, references, notes, tags, metadata and payment. Every
    /// problem is reported at once (<see cref="Error.Combine"/>); null when there is none.
    /// </summary>
    public static Error? ValidateShape(PlaceOrder request)
    {
        var errors = new List<Error>();
        if (request.Lines is null || request.Lines.Count == 0)
        {
            errors.Add(OrderErrors.LinesRequired);
        }
        else if (request.Lines.Count > OrderErrors.MaxLines)
        {
            errors.Add(OrderErrors.TooManyLines);
        }

        if (request.MerchantOrderId?.Length > OrderErrors.MaxMerchantOrderIdLength)
        {
            errors.Add(OrderErrors.MerchantOrderIdTooLong);
        }

        if (request.ExternalReference?.Length > OrderErrors.MaxExternalReferenceLength)
        {
            errors.Add(OrderErrors.ExternalReferenceTooLong);
        }

        if (request.IdempotencyKey?.Length > 255)
        {
            errors.Add(OrderErrors.IdempotencyKeyTooLong);
        }

        if (request.Notes?.Length > OrderErrors.MaxNotesLength)
        {
            errors.Add(OrderErrors.NotesTooLong);
        }

        if (request.Tags is { } tags && (tags.Count > 10 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 50)))
        {
            errors.Add(OrderErrors.TagsInvalid);
        }

        if (request.Metadata is { } metadata
            && (metadata.Count > 20 || metadata.Any(m => string.IsNullOrWhiteSpace(m.Key) || m.Key.Length > 40 || m.Value?.Length > 500)))
        {
            errors.Add(OrderErrors.MetadataInvalid);
        }

        if (request.Payment.Method == PaymentMethodKind.Card && string.IsNullOrWhiteSpace(request.Payment.PaymentMethodId))
        {
            errors.Add(OrderErrors.PaymentMethodRequired);
        }

        return Error.Combine(errors);
    }

    /// <summary>
    /// Validates each line against its catalog item and prices it with the merchant's fee and tax. Every
    /// line is checked, and all their errors are reported at once (<see cref="Error.Combine"/>).
    /// </summary>
    public static Result<IReadOnlyList<PricedLine>> PriceLines(
        IReadOnlyList<PlaceOrderLine> lines, IReadOnlyDictionary<long, CatalogItem> items, Merchant merchant)
    {
        var priced = new List<PricedLine>();
        var errors = new List<Error>();
        string? currency = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!items.TryGetValue(line.ItemId, out var item))
            {
                errors.Add(OrderErrors.ItemNotFound(i));
                continue;
            }

            if (!item.IsActive)
            {
                errors.Add(OrderErrors.ItemInactive(i, item.Name));
            }
            else if ((currency ??= item.Currency) != item.Currency)
            {
                errors.Add(OrderErrors.MixedCurrencies(i));
            }

            var quantity = ValidateQuantity(i, line.Quantity, item);
            var fields = FieldValidation.Validate(item.Fields, line.Fields, $"lines[{i}].fields");
            if (!quantity.Succeeded || !fields.Succeeded)
            {
                errors.AddRange([.. quantity.Error?.Flatten() ?? [], .. fields.Error?.Flatten() ?? []]);
                continue;
            }

            var (units, faceValue) = quantity.Value;
            var price = OrderPricing.Price(item, units, faceValue, merchant.FeeBasisPoints, merchant.TaxBasisPoints);
            priced.Add(new PricedLine(item, price, fields.Value));
        }

        return Error.Combine(errors) is { } invalid ? invalid : priced;
    }

    private static Result<(int Units, long? FaceValueMinor)> ValidateQuantity(int index, decimal? quantity, CatalogItem item)
    {
        switch (item.Type)
        {
            case ProductType.Key:
                var count = quantity ?? 1;
                if (count != decimal.Truncate(count))
                {
                    return OrderErrors.QuantityNotWhole(index);
                }

                return count < item.MinQuantity || count > item.MaxQuantity
                    ? OrderErrors.QuantityOutOfRange(index, item.MinQuantity, item.MaxQuantity)
                    : ((int)count, (long?)null);

            case ProductType.TopUp:
                if (quantity is not { } amount)
                {
                    return OrderErrors.AmountRequired(index);
                }

                var currency = Currency.Of(item.Currency);
                if (!Money.TryFromMajor(amount, currency, out var face))
                {
                    return OrderErrors.AmountInvalid(index, currency.Code);
                }

                var min = new Money(item.MinAmountMinor, currency);
                if (face.Minor < item.MinAmountMinor || face.Minor > item.MaxAmountMinor)
                {
                    return OrderErrors.AmountOutOfRange(index, min.ToString(), new Money(item.MaxAmountMinor, currency).ToString());
                }

                return (face.Minor - item.MinAmountMinor) % item.StepMinor != 0
                    ? OrderErrors.AmountStep(index, new Money(item.StepMinor, currency).ToString(), min.ToString())
                    : (1, (long?)face.Minor);

            default:
                return quantity is null or 1 ? (1, (long?)null) : OrderErrors.ServiceQuantity(index);
        }
    }

    /// <summary>A quantity written the same way however it was sent (25, 25.0, 25.00 → "25").</summary>
    public static string Canonical(decimal? quantity) =>
        quantity is { } q ? q.ToString("0.############", CultureInfo.InvariantCulture) : "";
}
