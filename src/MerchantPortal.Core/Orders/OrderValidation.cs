using System.Globalization;
using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;

namespace MerchantPortal.Orders;

/// <summary>Checks a <see cref="PlaceOrder"/> request and prices its lines, before anything is written.</summary>
internal static class OrderValidation
{
    /// <summary>Checks what needs no database: line count, references, notes, tags and metadata.</summary>
    public static Error? ValidateShape(PlaceOrder request)
    {
        if (request.Lines is null || request.Lines.Count == 0)
        {
            return OrderErrors.LinesRequired;
        }

        if (request.Lines.Count > OrderErrors.MaxLines)
        {
            return OrderErrors.TooManyLines;
        }

        if (request.MerchantOrderId?.Length > 100)
        {
            return OrderErrors.MerchantOrderIdTooLong;
        }

        if (request.IdempotencyKey?.Length > 255)
        {
            return OrderErrors.IdempotencyKeyTooLong;
        }

        if (request.Notes?.Length > 2000)
        {
            return OrderErrors.NotesTooLong;
        }

        if (request.Tags is { } tags && (tags.Count > 10 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 50)))
        {
            return OrderErrors.TagsInvalid;
        }

        if (request.Metadata is { } metadata
            && (metadata.Count > 20 || metadata.Any(m => string.IsNullOrWhiteSpace(m.Key) || m.Key.Length > 40 || m.Value?.Length > 500)))
        {
            return OrderErrors.MetadataInvalid;
        }

        return request.Payment.Method == PaymentMethodKind.Card && string.IsNullOrWhiteSpace(request.Payment.PaymentMethodId)
            ? OrderErrors.PaymentMethodRequired
            : null;
    }

    /// <summary>Validates each line against its catalog item and prices it with the merchant's fee and tax.</summary>
    public static Result<IReadOnlyList<PricedLine>> PriceLines(
        IReadOnlyList<PlaceOrderLine> lines, IReadOnlyDictionary<long, CatalogItem> items, Merchant merchant)
    {
        var priced = new List<PricedLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!items.TryGetValue(line.ItemId, out var item))
            {
                return OrderErrors.ItemNotFound(i);
            }

            if (!item.IsActive)
            {
                return OrderErrors.ItemInactive(i, item.Name);
            }

            if (priced.Count > 0 && priced[0].Item.Currency != item.Currency)
            {
                return OrderErrors.MixedCurrencies(i);
            }

            var quantity = ValidateQuantity(i, line.Quantity, item);
            if (!quantity.Succeeded)
            {
                return quantity.Error!;
            }

            var fields = FieldValidation.Validate(item.Fields, line.Fields, $"lines[{i}].fields");
            if (!fields.Succeeded)
            {
                return fields.Error!;
            }

            var (units, faceValue) = quantity.Value;
            var price = OrderPricing.Price(item, units, faceValue, merchant.FeeBasisPoints, merchant.TaxBasisPoints);
            priced.Add(new PricedLine(item, price, fields.Value));
        }

        return priced;
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
