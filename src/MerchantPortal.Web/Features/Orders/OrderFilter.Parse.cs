using System.Globalization;
using MerchantPortal.Common;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders;

// Reading filters from query string text: the one reader for the orders page and the CSV export.
public sealed partial record OrderFilter
{
    /// <summary>Reads filters from query string text; the first value that makes no sense is the error.</summary>
    public static Result<OrderFilter> Parse(OrderFilterText text)
    {
        var statuses = new List<OrderStatus>();
        foreach (var value in (text.Status ?? []).SelectMany(s => (s ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!WireNames.TryParse<OrderStatus>(value, out var status))
            {
                return Invalid<OrderStatus>(OrderFilterKeys.Status, value, "an order status");
            }

            if (!statuses.Contains(status))
            {
                statuses.Add(status);
            }
        }

        if (!TryEnum<PaymentStatus>(text.Payment, out var payment))
        {
            return Invalid<PaymentStatus>(OrderFilterKeys.Payment, text.Payment, "a payment status");
        }

        if (!TryEnum<FulfillmentStatus>(text.Fulfillment, out var fulfillment))
        {
            return Invalid<FulfillmentStatus>(OrderFilterKeys.Fulfillment, text.Fulfillment, "a fulfilment status");
        }

        if (!TryEnum<OrderSource>(text.Source, out var source))
        {
            return Invalid<OrderSource>(OrderFilterKeys.Source, text.Source, "an order source");
        }

        if (!TryEnum<RefundFilter>(text.Refunds, out var refunds))
        {
            return Invalid<RefundFilter>(OrderFilterKeys.Refunds, text.Refunds, "a refund state");
        }

        if (!TryEnum<OrderSort>(text.Sort, out var sort))
        {
            return Invalid<OrderSort>(OrderFilterKeys.Sort, text.Sort, "a sort order");
        }

        if (!TryDate(text.From, out var from))
        {
            return DateInvalid(OrderFilterKeys.From, text.From!);
        }

        if (!TryDate(text.To, out var to))
        {
            return DateInvalid(OrderFilterKeys.To, text.To!);
        }

        if (from > to)
        {
            return new Error("DATE_RANGE_INVALID", "The start date must be on or before the end date.", OrderFilterKeys.From);
        }

        if (!TryItem(text.Item, out var itemId))
        {
            return new Error("FILTER_INVALID", $"'{text.Item}' is not a catalog item id.", OrderFilterKeys.Item);
        }

        if (!TryGuid(text.Merchant, out var merchantId))
        {
            return new Error("FILTER_INVALID", $"'{text.Merchant}' is not a merchant id.", OrderFilterKeys.Merchant);
        }

        if (!TryZone(text.TimeZone, out var zone))
        {
            return new Error("TIME_ZONE_INVALID", $"'{text.TimeZone}' is not a time zone; use an IANA name such as Europe/London.",
                OrderFilterKeys.TimeZone);
        }

        var (search, searchError) = CheckSearch(text.Search);
        if (searchError is not null)
        {
            return searchError;
        }

        // One order for the same choice, so equal filters compare equal and make the same address.
        statuses.Sort();
        return new OrderFilter
        {
            Statuses = statuses,
            Payment = payment,
            Fulfillment = fulfillment,
            From = from,
            To = to,
            ItemId = itemId,
            Source = source,
            MerchantId = merchantId,
            Refunds = refunds,
            Search = search,
            Sort = sort ?? OrderSort.Newest,
            TimeZone = zone,
        };
    }

    private static bool TryEnum<TEnum>(string? text, out TEnum? value) where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (WireNames.TryParse<TEnum>(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    private static bool TryItem(string? text, out long? itemId)
    {
        itemId = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            itemId = parsed;
            return true;
        }

        return false;
    }

    private static bool TryGuid(string? text, out Guid? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (Guid.TryParse(text.Trim(), out var parsed))
        {
            id = parsed;
            return true;
        }

        return false;
    }

    private static bool TryZone(string? text, out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(text.Trim(), out var found))
        {
            zone = found;
            return true;
        }

        return false;
    }

    private static Error Invalid<TEnum>(string key, string? value, string what) where TEnum : struct, Enum =>
        new("FILTER_INVALID", $"'{value}' is not {what}. Use one of: {WireNames.All<TEnum>()}.", key);

    private static Error DateInvalid(string key, string value) =>
        new("FILTER_INVALID", $"'{value}' is not a date; use the form 2026-01-31.", key);
}
