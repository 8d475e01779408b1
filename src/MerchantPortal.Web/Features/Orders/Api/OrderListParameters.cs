using System.Globalization;
using MerchantPortal.Common;
using MerchantPortal.Orders;

namespace MerchantPortal.Web.Features.Orders.Api;

/// <summary>Reads the query string of <c>GET /api/v1/orders</c>; every bad value is reported at once with its parameter's name.</summary>
internal static class OrderListParameters
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "limit", "starting_after", "ending_before", "status", "payment_status", "fulfillment_status", "created[gte]", "created[lt]",
        "item_id", "merchant_order_id", "external_reference",
    };

    public static Result<OrderListRequest> Parse(IQueryCollection q)
    {
        List<Error> errors = [];
        foreach (var unknown in q.Keys.Where(k => !Known.Contains(k)))
        {
            errors.Add(Invalid(unknown, "UNKNOWN_PARAMETER", $"\"{unknown}\" is not a parameter of this list."));
        }

        var limit = OrderCursor.DefaultLimit;
        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > OrderCursor.MaxLimit))
        {
            errors.Add(OrderErrors.LimitInvalid);
        }

        var query = new OrderQuery
        {
            Statuses = Enum<OrderStatus>(q, "status", errors) is { } status ? [status] : null,
            PaymentStatus = Enum<PaymentStatus>(q, "payment_status", errors),
            FulfillmentStatus = Enum<FulfillmentStatus>(q, "fulfillment_status", errors),
            CreatedFrom = Time(q, "created[gte]", errors),
            CreatedTo = Time(q, "created[lt]", errors),
            ItemId = q.TryGetValue("item_id", out var item)
                ? long.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : Add<long?>(errors, Invalid("item_id", "ITEM_ID_INVALID", "item_id is a catalog item's numeric id."))
                : null,
            MerchantOrderId = Text(q, "merchant_order_id"),
            ExternalReference = Text(q, "external_reference"),
        };
        var startingAfter = Guid(q, "starting_after", errors);
        var endingBefore = Guid(q, "ending_before", errors);
        if (startingAfter is not null && endingBefore is not null)
        {
            errors.Add(OrderErrors.CursorsExclusive);
        }

        return Error.Combine(errors) is { } invalid ? invalid : new OrderListRequest(query, new OrderCursor(startingAfter, endingBefore, limit));
    }

    private static TEnum? Enum<TEnum>(IQueryCollection q, string name, List<Error> errors) where TEnum : struct, System.Enum
    {
        if (!q.TryGetValue(name, out var text))
        {
            return null;
        }

        return WireNames.TryParse<TEnum>(text, out var value)
            ? value
            : Add<TEnum?>(errors, Invalid(name, "FILTER_INVALID", $"{name} is one of {WireNames.All<TEnum>()}."));
    }

    private static DateTime? Time(IQueryCollection q, string name, List<Error> errors)
    {
        if (!q.TryGetValue(name, out var text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return DateTimeOffset.FromUnixTimeSeconds(Math.Min(unix, 253_402_300_799)).UtcDateTime;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime
            : Add<DateTime?>(errors, Invalid(name, "FILTER_INVALID", $"{name} is a Unix timestamp or an ISO 8601 time such as 2026-12-01T00:00:00Z."));
    }

    private static Guid? Guid(IQueryCollection q, string name, List<Error> errors) =>
        !q.TryGetValue(name, out var text) ? null
        : System.Guid.TryParse(text, out var id) ? id
        : Add<Guid?>(errors, Invalid(name, "CURSOR_INVALID", $"{name} is the id of an order from this list."));

    private static string? Text(IQueryCollection q, string name) => q.TryGetValue(name, out var text) && !string.IsNullOrWhiteSpace(text) ? text.ToString().Trim() : null;

    private static T? Add<T>(List<Error> errors, Error error)
    {
        errors.Add(error);
        return default;
    }

    private static Error Invalid(string name, string code, string message) => new(code, message, name);
}

/// <summary>A parsed list request: the filters, and the page wanted.</summary>
internal sealed record OrderListRequest(OrderQuery Query, OrderCursor Cursor);
